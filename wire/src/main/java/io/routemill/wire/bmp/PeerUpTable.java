package io.routemill.wire.bmp;

import io.routemill.wire.bgp.DecodeContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The Peer Ups of one BMP session (one router), as {@link PeerContexts}: feed it every decoded message with
 * {@link #accept}; a Peer Up (re)defines its peer ({@link PeerHeader#key()}), a Peer Down forgets it. Contexts are
 * cached per peer and view (A and O flags). Not thread-safe: one table per BMP connection.
 */
public final class PeerUpTable implements PeerContexts {
  private static final class Entry {
    final PeerUp up;
    final DecodeContext[] byView = new DecodeContext[4];

    Entry(PeerUp up) {
      this.up = up;
    }
  }

  private final Map<PeerKey, Entry> peers = new HashMap<>();

  /** Updates the table from a message of this session: Peer Up adds or replaces, Peer Down removes. */
  public void accept(BmpMessage m) {
    if (m instanceof PeerUp up) {
      peers.put(up.peer().key(), new Entry(up));
    } else if (m instanceof PeerDown down) {
      peers.remove(down.peer().key());
    }
  }

  /** The Peer Up in force for this peer, or null. */
  public PeerUp peerUp(PeerHeader peer) {
    Entry e = peers.get(peer.key());
    return e == null ? null : e.up;
  }

  public int size() {
    return peers.size();
  }

  @Override
  public DecodeContext contextFor(PeerHeader peer) {
    Entry e = peers.get(peer.key());
    if (e == null) return BmpPeerContexts.withoutPeerUp(peer);
    int view = (peer.isLegacyAsPath() ? 1 : 0) | (peer.isAdjRibOut() ? 2 : 0);
    DecodeContext ctx = e.byView[view];
    if (ctx == null) e.byView[view] = ctx = BmpPeerContexts.fromPeerUp(e.up, peer);
    return ctx;
  }
}
