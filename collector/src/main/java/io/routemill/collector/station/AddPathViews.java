package io.routemill.collector.station;

import io.routemill.wire.bgp.AddPathFallback;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bmp.PeerContexts;
import io.routemill.wire.bmp.PeerHeader;
import io.routemill.wire.bmp.PeerKey;
import io.routemill.wire.bmp.PeerUpTable;
import io.routemill.collector.rib.RibView;
import java.util.HashSet;
import java.util.Set;

/**
 * The ADD-PATH setting each (peer, view) of one router really uses. The Peer Up's OPENs say what was
 * negotiated, but routers do not always encode their monitored views that way: GoBGP sends its post-policy
 * and Loc-RIB views without path ids on ADD-PATH sessions. Some such messages still decode cleanly under
 * the negotiated setting, as wrong prefixes (NLRI {@code 20 20 01 00 00} is 2001::/32 without a path id, or
 * ::/0 with path id 0x20200100), so a per-message fallback is not enough:
 * <ul>
 *   <li>for a router that identifies as GoBGP, those two views are read without ADD-PATH from the start;</li>
 *   <li>for any router, once a message of a (peer, view) decodes only with the opposite setting, that view
 *       keeps the opposite setting until the peer's next Peer Up or Peer Down.</li>
 * </ul>
 * Used on the router's event loop only.
 */
final class AddPathViews implements PeerContexts {
  private record ViewKey(PeerKey peer, RibView view) {}

  private final PeerUpTable peerUps;
  private final Set<ViewKey> flipped = new HashSet<>();
  private boolean goBgp;

  AddPathViews(PeerUpTable peerUps) {
    this.peerUps = peerUps;
  }

  void routerIdentified(String sysName) {
    goBgp = sysName != null && sysName.startsWith("GoBGP");
  }

  @Override
  public DecodeContext contextFor(PeerHeader header) {
    DecodeContext negotiated = peerUps.contextFor(header);
    RibView view = BmpRouterHandler.view(header);
    boolean knownOmission = goBgp && (view == RibView.ADJ_IN_POST || view == RibView.LOC_RIB)
        && !negotiated.addPath().isEmpty();
    if (knownOmission) negotiated = negotiated.withAddPath(Set.of());
    return flipped.contains(new ViewKey(header.key(), view)) ? AddPathFallback.opposite(negotiated) : negotiated;
  }

  /** A message of this (peer, view) decoded only with the opposite setting: keep using that one. */
  void flip(PeerHeader header) {
    ViewKey key = new ViewKey(header.key(), BmpRouterHandler.view(header));
    if (!flipped.remove(key)) flipped.add(key);
  }

  /** A Peer Up or Peer Down starts the peer's views afresh. */
  void reset(PeerHeader header) {
    PeerKey peer = header.key();
    flipped.removeIf(k -> k.peer().equals(peer));
  }
}
