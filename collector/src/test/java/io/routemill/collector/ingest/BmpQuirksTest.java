package io.routemill.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.Updates;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.AsPathSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The router-quirk step: what it corrects, what it records, and when it stops correcting. */
class BmpQuirksTest {
  private static final long ROUTER_AS = 65010;
  private final List<String> problems = new ArrayList<>();
  private final BmpQuirks quirks = new BmpQuirks();

  private static PeerIdentity peer(long asn, RibView view) {
    return PeerIdentity.of("192.0.2.1", Source.BMP, new byte[] {(byte) 192, 0, 2, 20}, asn, new byte[] {1, 1, 1, 1},
        0, view, new byte[] {(byte) 192, 0, 2, 1}, ROUTER_AS, true);
  }

  private BmpQuirks.Corrected correct(PeerIdentity p, Update u) {
    return quirks.correct(p, u, false, (kind, detail) -> problems.add(kind));
  }

  private static String path(Update u) {
    return AsPathSegment.toText(u.attributes().effectiveAsPath());
  }

  @Test
  void frrsOwnAsIsRemovedFromEbgpAdjRibInPathsAndRecorded() {
    quirks.routerIdentified("FRRouting 8.4.4 (frr) on Linux");
    PeerIdentity ebgp = peer(65020, RibView.ADJ_IN_PRE);
    BmpQuirks.Corrected c = correct(ebgp, Updates.announce(Updates.attrs(0, ROUTER_AS, 65020, 2905),
        Updates.r("196.4.0.0/16")));
    assertEquals("65020 2905", path(c.update()));
    assertEquals(Set.of(Correction.OWN_AS_REMOVED), c.corrections());
    // Loc-RIB, iBGP peers and other routers' paths are left alone
    Update u = Updates.announce(Updates.attrs(0, ROUTER_AS, 65020), Updates.r("196.4.0.0/16"));
    assertSame(u, correct(peer(65020, RibView.LOC_RIB), u).update());
    assertSame(u, correct(peer(ROUTER_AS, RibView.ADJ_IN_PRE), u).update());
    BmpQuirks other = new BmpQuirks();
    other.routerIdentified("Cisco IOS XR Software");
    assertSame(u, other.correct(ebgp, u, false, (k, d) -> { }).update());
  }

  @Test
  void aPathWithoutTheRoutersAsSwitchesTheCorrectionOffForThatPeerUntilItsNextSession() {
    quirks.routerIdentified("FRRouting 9.1 (frr)");
    PeerIdentity ebgp = peer(65020, RibView.ADJ_IN_PRE);
    Update fixedFrr = Updates.announce(Updates.attrs(0, 65020, 2905), Updates.r("196.4.0.0/16"));
    assertSame(fixedFrr, correct(ebgp, fixedFrr).update());
    assertTrue(problems.contains("own-as-prepend"));
    Update looksPrepended = Updates.announce(Updates.attrs(0, ROUTER_AS, 65020), Updates.r("196.5.0.0/16"));
    assertEquals(Set.of(), correct(ebgp.inView(RibView.ADJ_IN_POST), looksPrepended).corrections(),
        "off for both Adj-RIB-In views of the peer");
    quirks.sessionReset(ebgp);
    assertEquals(Set.of(Correction.OWN_AS_REMOVED), correct(ebgp, looksPrepended).corrections());
  }

  @Test
  void aRouteWithoutNextHopIsKeptAsReportedAndAnAddPathFlipIsRecorded() {
    Update u = Updates.announce(Updates.attrs(0, 65020), Updates.r("196.4.0.0/16"));
    Update missing = new Update(u.withdrawn(), u.attributes(), u.announced(), List.of(new BgpError(
        BgpError.UPDATE_MESSAGE_ERROR, BgpError.MISSING_WELL_KNOWN_ATTRIBUTE, Rfc7606Action.TREAT_AS_WITHDRAW, 0,
        "NEXT_HOP missing")), u.raw());
    BmpQuirks.Corrected c = quirks.correct(peer(65020, RibView.LOC_RIB), missing, true,
        (kind, detail) -> problems.add(kind));
    assertEquals(Rfc7606Action.NONE, c.update().action(), "no longer treated as withdraw");
    assertEquals(Set.of(Correction.MISSING_NEXT_HOP_KEPT, Correction.ADD_PATH_FLIPPED), c.corrections());
    assertEquals(List.of("missing-well-known-attribute"), problems);
  }
}
