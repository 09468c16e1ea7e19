package io.routemill.wire.bmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.capability.AddPathCapability;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import io.routemill.wire.bgp.capability.MultiprotocolCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The RFC 7854 / 8671 / 9069 rules of {@link BmpPeerContexts} and the bookkeeping of {@link PeerUpTable}. */
class BmpPeerContextsTest {
  private static final AfiSafi V4 = AfiSafi.IPV4_UNICAST;
  private static final AfiSafi V6 = AfiSafi.IPV6_UNICAST;

  static Open open(long as, boolean as4, int v4Mode, int v6Mode) {
    List<Capability> caps = new ArrayList<>(List.of(new MultiprotocolCapability(V4), new MultiprotocolCapability(V6)));
    if (as4) caps.add(new FourOctetAsCapability(as));
    List<AddPathCapability.Entry> ap = new ArrayList<>();
    if (v4Mode != 0) ap.add(new AddPathCapability.Entry(V4, v4Mode));
    if (v6Mode != 0) ap.add(new AddPathCapability.Entry(V6, v6Mode));
    if (!ap.isEmpty()) caps.add(new AddPathCapability(ap));
    return BgpMessageEncoder.open(as, 90, 0x0A000001L, caps);
  }

  static PeerHeader peer(int type, int flags) {
    return new PeerHeader(type, flags, 0, new byte[] {(byte) 192, 0, 2, 1}, 64500, 0xC0000201L, 0, 0);
  }

  static PeerUp peerUp(PeerHeader h, Open sent, Open received) {
    return new PeerUp(h, new byte[4], 179, 50000, sent, received, List.of());
  }

  @Test
  void adjRibInUsesWhatThePeerSends() {
    // router (sent OPEN) can receive IPv4 and send IPv6; the peer (received OPEN) can send IPv4 and receive IPv6
    PeerUp up = peerUp(peer(0, 0), open(64496, true, 1, 2), open(64500, true, 2, 1));
    assertEquals(new DecodeContext(true, Set.of(V4), true), BmpPeerContexts.fromPeerUp(up, peer(0, 0)));
    assertEquals(Set.of(V4), BmpPeerContexts.fromPeerUp(up, peer(0, PeerHeader.FLAG_L)).addPath());
    // Adj-RIB-Out (O flag): what the router sends: IPv6
    assertEquals(Set.of(V6), BmpPeerContexts.fromPeerUp(up, peer(0, PeerHeader.FLAG_O)).addPath());
    assertEquals(Set.of(V6),
        BmpPeerContexts.fromPeerUp(up, peer(0, PeerHeader.FLAG_O | PeerHeader.FLAG_L)).addPath());
  }

  @Test
  void fourOctetAsNeedsBothSidesAndTheAFlagOverrides() {
    PeerUp both = peerUp(peer(1, 0), open(64496, true, 0, 0), open(64500, true, 0, 0));
    PeerUp oneSide = peerUp(peer(1, 0), open(64496, true, 0, 0), open(64500, false, 0, 0));
    assertEquals(true, BmpPeerContexts.fromPeerUp(both, peer(1, 0)).fourOctetAs());
    assertEquals(false, BmpPeerContexts.fromPeerUp(both, peer(1, PeerHeader.FLAG_A)).fourOctetAs());
    assertEquals(false, BmpPeerContexts.fromPeerUp(oneSide, peer(1, 0)).fourOctetAs());
  }

  @Test
  void locRibTrustsTheRoutersOwnOpen() {
    Open own = open(64496, true, 1, 3); // receive-only for IPv4, send+receive for IPv6
    PeerHeader locRib = peer(PeerHeader.LOC_RIB_INSTANCE, PeerHeader.FLAG_F);
    DecodeContext ctx = BmpPeerContexts.fromPeerUp(peerUp(locRib, own, own), locRib);
    assertEquals(new DecodeContext(true, Set.of(V6), true), ctx);
    // 0x20 is not the A flag for peer type 3
    assertEquals(true, BmpPeerContexts.fromPeerUp(peerUp(locRib, own, own), peer(3, 0x20)).fourOctetAs());
  }

  @Test
  void withoutPeerUpOnlyTheAFlagIsKnown() {
    assertEquals(new DecodeContext(true, Set.of(), true), PeerContexts.HEADER_ONLY.contextFor(peer(0, 0)));
    assertEquals(new DecodeContext(false, Set.of(), true),
        PeerContexts.HEADER_ONLY.contextFor(peer(0, PeerHeader.FLAG_A)));
  }

  @Test
  void tableKeysPeersWithoutViewFlagsAndForgetsOnPeerDown() {
    PeerUpTable table = new PeerUpTable();
    PeerUp up = peerUp(peer(0, PeerHeader.FLAG_L), open(64496, true, 1, 0), open(64500, true, 2, 0));
    table.accept(up);
    assertEquals(Set.of(V4), table.contextFor(peer(0, 0)).addPath()); // a post-policy Peer Up serves pre-policy too
    assertSame(table.contextFor(peer(0, 0)), table.contextFor(peer(0, PeerHeader.FLAG_L))); // cached per view
    assertEquals(Set.of(), table.contextFor(peer(1, 0)).addPath()); // another peer type is another peer
    PeerHeader v6 = new PeerHeader(0, PeerHeader.FLAG_V, 0, new byte[16], 64500, 1, 0, 0);
    assertNull(table.peerUp(v6));
    table.accept(PeerDown.withoutData(peer(0, 0), PeerDown.REMOTE_NO_NOTIFICATION));
    assertEquals(0, table.size());
    assertEquals(Set.of(), table.contextFor(peer(0, 0)).addPath());
  }
}
