package io.routemill.collector.mrt;

import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.wire.mrt.MrtMessage.Peer;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer identities of one MRT file, each built once and shared by all its events: one per PEER_INDEX_TABLE
 * entry (4-octet AS, the BGP identifier the table gives), one per (peer address, peer AS) of legacy TABLE_DUMP
 * records (2-octet AS, BGP identifier unknown), one per BGP4MP session (peer and local address and AS, 4-octet
 * AS-ness, and whether the messages are the collector's own: the *_LOCAL subtypes, which fill the peer's
 * Adj-RIB-Out post-policy view instead of its Adj-RIB-In). No peer has a distinguisher. Not thread-safe.
 */
final class MrtPeers {
  private static final byte[] NONE = new byte[0];

  private final String router;
  private List<PeerIdentity> index;
  private final Map<Session, PeerIdentity> sessions = new HashMap<>();

  MrtPeers(String router) {
    this.router = router;
  }

  /** A PEER_INDEX_TABLE: its identities replace those of an earlier one. */
  void index(PeerIndexTable table) {
    List<PeerIdentity> ids = new ArrayList<>(table.peers().size());
    for (Peer p : table.peers()) {
      ids.add(PeerIdentity.of(router, Source.MRT, p.address(), p.asn(), p.bgpId(), 0, RibView.ADJ_IN_PRE, NONE, 0,
          true));
    }
    index = ids;
  }

  /** Whether a PEER_INDEX_TABLE was read. */
  boolean indexed() {
    return index != null;
  }

  /** The identity of a peer index, or null when the table has no such peer. */
  PeerIdentity indexed(int peerIndex) {
    return peerIndex < index.size() ? index.get(peerIndex) : null;
  }

  /** A legacy TABLE_DUMP peer. */
  PeerIdentity tableDump(byte[] address, long asn) {
    return session(address, asn, NONE, 0, false, false);
  }

  /**
   * A BGP4MP (or deprecated BGP) session. An empty peer address (old Zebra state changes) stands for 0.0.0.0.
   *
   * @param local whether the messages are the ones the collector sent (the *_LOCAL subtypes)
   */
  PeerIdentity session(byte[] peer, long peerAs, byte[] localAddress, long localAs, boolean as4, boolean local) {
    Session key = new Session(peer.length == 0 ? new byte[4] : peer, peerAs, localAddress, localAs, as4, local);
    PeerIdentity id = sessions.get(key);
    if (id == null) {
      id = PeerIdentity.of(router, Source.MRT, key.peer, peerAs, NONE, 0,
          local ? RibView.ADJ_OUT_POST : RibView.ADJ_IN_PRE, localAddress, localAs, as4);
      sessions.put(key, id);
    }
    return id;
  }

  /** Identity-cache key: the session facts a record carries. */
  private record Session(byte[] peer, long peerAs, byte[] localAddress, long localAs, boolean as4, boolean local) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Session s && peerAs == s.peerAs && localAs == s.localAs && as4 == s.as4 && local == s.local
          && Arrays.equals(peer, s.peer) && Arrays.equals(localAddress, s.localAddress);
    }

    @Override
    public int hashCode() {
      return (Arrays.hashCode(peer) * 31 + Long.hashCode(peerAs)) * 31 + Arrays.hashCode(localAddress)
          + Long.hashCode(localAs) * 7 + (as4 ? 1 : 0) + (local ? 2 : 0);
    }

    @Override
    public String toString() {
      return "Session[" + Arrays.toString(peer) + " AS" + peerAs + "]";
    }
  }
}
