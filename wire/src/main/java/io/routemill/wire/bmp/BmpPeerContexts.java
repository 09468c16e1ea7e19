package io.routemill.wire.bmp;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.SessionCapabilities;
import io.routemill.wire.bgp.capability.AddPathCapability;
import io.routemill.wire.bgp.capability.Capability;
import java.util.HashSet;
import java.util.Set;

/**
 * Derives the {@link DecodeContext} of the BGP PDUs in Route Monitoring messages from the Peer Up of their peer.
 *
 * <p>The Peer Up's "sent OPEN" is the monitored router's, the "received OPEN" its peer's (RFC 7854 §4.10).
 * <ul>
 *   <li>Adj-RIB-In, pre- or post-policy (RFC 7854 §4.2): the PDUs are what the peer sent the router, so ADD-PATH
 *       applies to family F where the peer said send (2/3) and the router said receive (1/3):
 *       {@link SessionCapabilities#receiveContext}(sent, received).
 *   <li>Adj-RIB-Out (O flag, RFC 8671 §4): what the router sends the peer, the mirror image:
 *       {@link SessionCapabilities#sendContext}(sent, received).
 *   <li>Loc-RIB (peer type 3, RFC 9069 §5.2): both OPENs are the router's own fabricated one; it is trusted as
 *       it stands: ADD-PATH for every family it lists with send (2/3), 4-octet AS if it lists capability 65.
 * </ul>
 * 4-octet AS needs capability 65 on both sides (RFC 6793 §3), but the A flag (RFC 7854 §4.2, "legacy 2-byte
 * AS_PATH format") overrides: the router may re-encode paths regardless of what the session negotiated. Without
 * a Peer Up only the A flag is known, and no ADD-PATH is assumed. Messages up to 65,535 bytes are always accepted
 * (RFC 8654): the BMP frame already bounds them, and a Loc-RIB PDU is not tied to any session's limit. PDUs that
 * the derived ADD-PATH setting misreads are caught by {@link io.routemill.wire.bgp.AddPathFallback} — but
 * not all: a path id of 0 also reads as four /0 prefixes (seen in pmacct's 208 capture), so the Peer Up state is
 * needed, not optional. For families whose NLRI the BGP library keeps raw (VPN, labeled unicast) the path ids
 * stay inside {@code rawNlri}; {@link DecodeContext#addPath(io.routemill.wire.bgp.AfiSafi)} says whether.
 */
public final class BmpPeerContexts {
  private BmpPeerContexts() {}

  /** The context when no Peer Up was seen for the peer. */
  public static DecodeContext withoutPeerUp(PeerHeader peer) {
    return new DecodeContext(!peer.isLegacyAsPath(), Set.of(), true);
  }

  /** The context for PDUs carried under {@code peer} (its flags choose the view) of the peer {@code up} announced. */
  public static DecodeContext fromPeerUp(PeerUp up, PeerHeader peer) {
    DecodeContext base;
    if (peer.isLocRib()) {
      base = locRib(up.sentOpen());
    } else if (peer.isAdjRibOut()) {
      base = SessionCapabilities.sendContext(up.sentOpen(), up.receivedOpen());
    } else {
      base = SessionCapabilities.receiveContext(up.sentOpen(), up.receivedOpen());
    }
    return new DecodeContext(base.fourOctetAs() && !peer.isLegacyAsPath(), base.addPath(), true);
  }

  private static DecodeContext locRib(Open own) {
    Set<AfiSafi> addPath = new HashSet<>();
    for (Capability c : own.capabilities()) {
      if (!(c instanceof AddPathCapability a)) continue;
      for (AddPathCapability.Entry e : a.entries()) {
        if (e.canSend()) addPath.add(e.family());
      }
    }
    return new DecodeContext(own.hasCapability(Capability.FOUR_OCTET_AS), addPath, true);
  }
}
