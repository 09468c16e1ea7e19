package io.routemill.collector.rib;

import static io.routemill.collector.rib.Updates.announce;
import static io.routemill.collector.rib.Updates.attrs;
import static io.routemill.collector.rib.Updates.r;
import static io.routemill.collector.rib.Updates.withAction;
import static io.routemill.collector.rib.Updates.withdraw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.Attr05LocalPref;
import io.routemill.wire.bgp.attr.Attr06AtomicAggregate;
import io.routemill.wire.bgp.attr.Attr07Aggregator;
import io.routemill.wire.bgp.attr.Attr08Communities;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr16ExtendedCommunities;
import io.routemill.wire.bgp.attr.Attr17As4Path;
import io.routemill.wire.bgp.attr.Attr32LargeCommunities;
import io.routemill.wire.bgp.attr.Attr35OnlyToCustomer;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RibApplyTest {
  static final TableKey A = new TableKey("192.0.2.1", Source.BMP, "198.51.100.1", 0, RibView.ADJ_IN_PRE);
  static final TableKey B = new TableKey("192.0.2.1", Source.BMP, "198.51.100.2", 0, RibView.ADJ_IN_PRE);
  static final TableKey C = new TableKey("192.0.2.9", Source.BMP, "2001:DB8:0::7", 0, RibView.LOC_RIB);
  static final long T = 1_700_000_000_000L;

  static List<RouteRow> exact(Rib rib, String prefix) {
    return rib.routes(new RouteQuery(Prefix.parse(prefix), Match.EXACT, null, null, 10_000, null)).routes();
  }

  static long med(RouteRow r) {
    return r.attributes().med().value();
  }

  static String nextHop(RouteRow r) {
    return IpAddresses.format(r.nextHop());
  }

  @Test
  void announceWithdrawAndImplicitWithdraw() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    t.apply(announce(attrs(10, 65001, 65002), r("10.0.0.0/8"), r("10.1.0.0/16"), r("2001:db8::/32")), T);
    assertEquals(new TableCounts(2, 2, 1, 1, 0, 0), t.counts());
    List<RouteRow> routes = exact(rib, "10.0.0.0/8");
    assertEquals(1, routes.size());
    RouteRow ri = routes.get(0);
    assertEquals(List.of(AsPathSegment.sequence(65001, 65002)), ri.asPath());
    assertEquals(10L, med(ri));
    assertEquals("10.0.0.1", nextHop(ri));
    assertEquals(Attr01Origin.IGP, ri.attributes().origin().origin());
    assertEquals(Route.NO_PATH_ID, ri.pathId());
    assertNull(ri.attributes().localPref());
    assertEquals(Instant.ofEpochSecond(T / 1000), ri.receivedAt());
    assertEquals("2001:db8::1", nextHop(exact(rib, "2001:db8::/32").get(0)));
    assertEquals(2, rib.interner().size(), "IPv4 and MP routes intern different sets (next hop)");

    // implicit withdrawal: the re-announcement replaces the path and frees the old set of 10/8 only
    t.apply(announce(attrs(20, 65001), r("10.0.0.0/8")), T + 5000);
    assertEquals(20L, med(exact(rib, "10.0.0.0/8").get(0)));
    assertEquals(10L, med(exact(rib, "10.1.0.0/16").get(0)));
    assertEquals(new TableCounts(2, 2, 1, 1, 0, 0), t.counts());
    assertEquals(3, rib.interner().size());

    t.apply(withdraw(r("10.1.0.0/16"), r("2001:db8::/32"), r("192.0.2.0/24")), T);
    assertEquals(new TableCounts(1, 1, 0, 0, 0, 0), t.counts());
    assertTrue(exact(rib, "10.1.0.0/16").isEmpty());
    assertTrue(exact(rib, "2001:db8::/32").isEmpty());
    assertEquals(1, rib.interner().size(), "unused sets are freed");
    assertEquals(1, rib.distinctPrefixes(AfiSafi.AFI_IPV4));
    assertEquals(0, rib.distinctPrefixes(AfiSafi.AFI_IPV6));
  }

  @Test
  void withdrawnAndAnnouncedInOneUpdateEndsAnnounced() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    Update u = announce(attrs(1, 1), r("10.0.0.0/8"));
    t.apply(new Update(List.of(r("10.0.0.0/8")), u.attributes(), u.announced(), List.of(), new byte[0]), T);
    assertEquals(1, exact(rib, "10.0.0.0/8").size());
  }

  @Test
  void treatAsWithdrawWithdrawsEveryPrefixOfTheUpdate() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    t.apply(announce(attrs(1, 65001), r("10.0.0.0/8"), r("2001:db8::/32"), r("11.0.0.0/8")), T);
    Update bad = withAction(announce(attrs(2, 65001), r("10.0.0.0/8"), r("2001:db8::/32")),
        Rfc7606Action.TREAT_AS_WITHDRAW);
    t.apply(bad, T);
    assertTrue(exact(rib, "10.0.0.0/8").isEmpty());
    assertTrue(exact(rib, "2001:db8::/32").isEmpty());
    assertEquals(1, exact(rib, "11.0.0.0/8").size());
    assertEquals(1, rib.interner().size(), "nothing interned for a treat-as-withdraw UPDATE");
    // attribute discard keeps the routes
    t.apply(withAction(announce(attrs(3, 65001), r("10.0.0.0/8")), Rfc7606Action.ATTRIBUTE_DISCARD), T);
    assertEquals(3L, med(exact(rib, "10.0.0.0/8").get(0)));
    // session reset: worse than treat-as-withdraw, also withdraws
    t.apply(withAction(announce(attrs(3, 65001), r("10.0.0.0/8")), Rfc7606Action.SESSION_RESET), T);
    assertTrue(exact(rib, "10.0.0.0/8").isEmpty());
  }

  @Test
  void addPathKeepsPathIdsAsPartOfTheKey() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    t.apply(announce(attrs(1, 65001), r("10.0.0.0/8", 1), r("2001:db8::/32", 7)), T);
    t.apply(announce(attrs(2, 65002), r("10.0.0.0/8", 2), r("2001:db8::/32", 0xFFFFFFFFL)), T);
    t.apply(announce(attrs(3, 65003), r("10.0.0.0/8", 2)), T); // implicit withdrawal of path 2 only
    t.apply(announce(attrs(4, 65004), r("10.2.0.0/16", 5)), T);
    assertEquals(new TableCounts(2, 3, 1, 2, 0, 0), t.counts());
    List<RouteRow> routes = exact(rib, "10.0.0.0/8");
    assertEquals(2, routes.size());
    assertEquals(1L, routes.get(0).pathId());
    assertEquals(1L, med(routes.get(0)));
    assertEquals(2L, routes.get(1).pathId());
    assertEquals(3L, med(routes.get(1)));
    List<RouteRow> v6 = exact(rib, "2001:db8::/32");
    assertEquals(List.of(7L, 0xFFFFFFFFL), List.of(v6.get(0).pathId(), v6.get(1).pathId()));

    // withdrawing one path keeps the prefix; withdrawing without a path id matches nothing
    t.apply(withdraw(r("10.0.0.0/8", 1), r("10.2.0.0/16")), T);
    assertEquals(new TableCounts(2, 2, 1, 2, 0, 0), t.counts());
    assertEquals(2, rib.distinctPrefixes(AfiSafi.AFI_IPV4));
    t.apply(withdraw(r("10.0.0.0/8", 2), r("2001:db8::/32", 7), r("2001:db8::/32", 0xFFFFFFFFL)), T);
    assertEquals(new TableCounts(1, 1, 0, 0, 0, 0), t.counts());
    assertEquals(1, rib.distinctPrefixes(AfiSafi.AFI_IPV4));
    assertEquals(0, rib.distinctPrefixes(AfiSafi.AFI_IPV6));
  }

  @Test
  void addPathAndPlainRoutesMix() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    t.apply(announce(attrs(1, 1), r("10.0.0.0/8")), T);
    t.apply(announce(attrs(2, 1), r("10.0.0.0/8", 0)), T); // upgrade: path id 0 differs from "none"
    assertEquals(new TableCounts(1, 2, 0, 0, 0, 0), t.counts());
    t.apply(announce(attrs(3, 1), r("10.0.0.0/8")), T);
    List<RouteRow> routes = exact(rib, "10.0.0.0/8");
    assertEquals(Route.NO_PATH_ID, routes.get(0).pathId());
    assertFalse(routes.get(0).hasPathId());
    assertEquals(3L, med(routes.get(0)));
    assertEquals(0L, routes.get(1).pathId());
  }

  @Test
  void dropTableAndRouterReleaseEverything() {
    Rib rib = new Rib();
    for (TableKey k : List.of(A, B, C)) {
      rib.table(k).apply(announce(attrs(1, 65001), r("10.0.0.0/8"), r("2001:db8::/32"), r("10.0.0.0/8", 3)), T);
      rib.table(k).apply(announce(attrs(2, 65001), r("10.9.0.0/16")), T);
    }
    assertEquals(List.of(A, B, C), rib.keys());
    assertEquals(3, rib.interner().size());
    assertEquals(3, exact(rib, "10.9.0.0/16").size());
    PeerTable a = rib.table(A);
    assertTrue(rib.drop(A));
    assertFalse(rib.drop(A));
    assertTrue(a.isClosed());
    a.apply(announce(attrs(9, 9), r("1.0.0.0/8")), T); // ignored: the table is gone
    assertEquals(2, exact(rib, "10.9.0.0/16").size());
    assertEquals(2, rib.dropRouter("192.0.2.1") + rib.dropRouter("nobody") + 1);
    assertEquals(List.of(C), rib.keys());
    assertEquals(1, exact(rib, "10.9.0.0/16").size());
    rib.drop(C);
    assertEquals(0, rib.interner().size());
    assertEquals(0, rib.distinctPrefixes(AfiSafi.AFI_IPV4));
    assertEquals(0, rib.distinctPrefixes(AfiSafi.AFI_IPV6));
  }

  @Test
  void endOfRibIsOnlyRecorded() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    t.apply(announce(attrs(1, 1), r("10.0.0.0/8")), T);
    t.apply(new Update(List.of(), PathAttributes.EMPTY, List.of(), List.of(), new byte[0]), T + 1);
    assertEquals(T + 1, t.endOfRib(AfiSafi.IPV4_UNICAST));
    assertNull(t.endOfRib(AfiSafi.IPV6_UNICAST));
    t.apply(new Update(List.of(), PathAttributes.of(new io.routemill.wire.bgp.attr.Attr15MpUnreach(
        AfiSafi.IPV6_UNICAST, List.of(), null)), List.of(), List.of(), new byte[0]), T + 2);
    assertEquals(T + 2, t.endOfRib(AfiSafi.IPV6_UNICAST));
    assertEquals(1, t.counts().pathsIpv4());
  }

  @Test
  void gracefulRestartStaleAndSweep() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    t.apply(announce(attrs(1, 1), r("10.0.0.0/8"), r("10.1.0.0/16"), r("2001:db8::/32"), r("2001:db8:1::/48")), T);
    assertEquals(4, t.markStale());
    assertEquals(4, t.countsWithStale().stale());
    t.apply(announce(attrs(2, 1), r("10.0.0.0/8"), r("2001:db8::/32")), T); // refreshed
    assertEquals(2, t.countsWithStale().stale());
    assertEquals(1, t.sweepStale(AfiSafi.AFI_IPV6));
    assertEquals(1, t.sweepStale());
    assertEquals(new TableCounts(1, 1, 1, 1, 0, 0), t.countsWithStale());
    assertEquals(2, rib.interner().size(), "the refreshed IPv4 and IPv6 sets");
    assertEquals(1, rib.distinctPrefixes(AfiSafi.AFI_IPV4));
  }

  @Test
  void multicastIsIgnoredAndCounted() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    List<PathAttribute> a = attrs(1, 1);
    a.add(new Attr14MpReach(AfiSafi.IPV4_MULTICAST, new byte[] {1, 2, 3, 4}, List.of(r("10.0.0.0/8")), null));
    t.apply(new Update(List.of(), new PathAttributes(a, List.of(), true), List.of(), List.of(), new byte[0]), T);
    assertEquals(new TableCounts(0, 0, 0, 0, 0, 1), t.counts());
    assertEquals(0, rib.interner().size());
  }

  @Test
  void internerSharesIdenticalSetsAndFreesUnused() {
    Rib rib = new Rib();
    // the same attributes in another order, from another peer, share one set
    List<PathAttribute> a1 = attrs(5, 65001, 65002);
    List<PathAttribute> a2 = new ArrayList<>(a1);
    java.util.Collections.reverse(a2);
    rib.table(A).apply(announce(a1, r("10.0.0.0/8"), r("10.1.0.0/16")), T);
    rib.table(B).apply(announce(a2, r("10.0.0.0/8")), T);
    AttributeInterner in = rib.interner();
    assertEquals(1, in.size());
    int id = in.find(CanonicalAttributes.encode(new PathAttributes(a1, List.of(), true), null));
    assertNotEquals(0, id);
    assertEquals(3, in.refCount(id));
    rib.table(A).apply(withdraw(r("10.0.0.0/8")), T);
    assertEquals(2, in.refCount(id));
    rib.table(A).apply(announce(attrs(6, 65001), r("10.1.0.0/16")), T);
    assertEquals(1, in.refCount(id));
    rib.drop(B);
    assertEquals(0, in.refCount(id));
    assertEquals(0, in.find(CanonicalAttributes.encode(new PathAttributes(a1, List.of(), true), null)));
    assertEquals(1, in.size());
    // IPv6 routes with equal attributes and next hop share a set across UPDATEs with different other NLRI
    rib.table(A).apply(announce(attrs(7, 1), r("2001:db8::/32"), r("10.5.0.0/16")), T);
    rib.table(B).apply(announce(attrs(7, 1), r("2001:db8:1::/48")), T);
    assertEquals(3, in.size());
  }

  @Test
  void twoOctetSessionsStoreTheEffectivePath() {
    Rib rib = new Rib();
    List<PathAttribute> a = new ArrayList<>(List.of(new Attr01Origin(Attr01Origin.EGP),
        new Attr02AsPath(List.of(AsPathSegment.sequence(65001, 23456, 23456))),
        new Attr03NextHop(new byte[] {10, 0, 0, 1}),
        new Attr07Aggregator(23456, new byte[] {1, 2, 3, 4}),
        new Attr17As4Path(PathAttribute.OPTIONAL_TRANSITIVE, List.of(AsPathSegment.sequence(4200000001L, 4200000002L))),
        new io.routemill.wire.bgp.attr.Attr18As4Aggregator(4200000002L, new byte[] {1, 2, 3, 4})));
    Update u = new Update(List.of(), new PathAttributes(a, List.of(), false), List.of(r("10.0.0.0/8")), List.of(),
        new byte[0]);
    rib.table(A).apply(u, T);
    RouteRow ri = exact(rib, "10.0.0.0/8").get(0);
    assertEquals(List.of(AsPathSegment.sequence(65001, 4200000001L, 4200000002L)), ri.asPath());
    assertEquals(java.util.OptionalLong.of(4200000002L), ri.originAs());
    Attr07Aggregator agg = ri.attributes().effectiveAggregator();
    assertEquals(4200000002L, agg.asn());
    assertEquals("1.2.3.4", IpAddresses.format(agg.address()));
    assertEquals(Attr01Origin.EGP, ri.attributes().origin().origin());
  }

  @Test
  void displayFieldsFromRealUpdateBytes() {
    Rib rib = new Rib();
    List<PathAttribute> a = new ArrayList<>(List.of(new Attr01Origin(Attr01Origin.INCOMPLETE),
        new Attr02AsPath(List.of(new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, new long[] {64512, 64513}),
            new AsPathSegment(AsPathSegment.AS_CONFED_SET, new long[] {64514, 64515}),
            AsPathSegment.sequence(65001, 65002), AsPathSegment.set(65003, 65004))),
        new Attr03NextHop(new byte[] {10, 0, 0, 1}), new Attr05LocalPref(100),
        new Attr06AtomicAggregate(PathAttribute.WELL_KNOWN),
        new Attr07Aggregator(65002, new byte[] {(byte) 192, 0, 2, 1}),
        new Attr08Communities(new int[] {65001 << 16 | 100, 0xFFFFFF01}),
        new Attr16ExtendedCommunities(new long[] {0x0002fde800000064L}),
        new Attr32LargeCommunities(new int[] {-1, 2, 3}),
        new Attr35OnlyToCustomer(65009)));
    a.add(new Attr14MpReach(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8::2/128").address(),
        List.of(r("2001:db8:5::/48")), null));
    Update u = new Update(List.of(), new PathAttributes(a, List.of(), true), List.of(r("192.0.2.0/24")), List.of(),
        new byte[0]);
    DecodeContext ctx = new DecodeContext(true, Set.of(), true);
    Update decoded = Updates.wire(u, ctx);
    assertEquals(Rfc7606Action.NONE, decoded.action(), decoded.warnings().toString());
    rib.table(C).setPeerAsn(65001);
    rib.table(C).apply(decoded, T);
    RouteRow v4 = exact(rib, "192.0.2.0/24").get(0);
    PathAttributes at = v4.attributes();
    assertEquals("(64512 64513) [64514,64515] 65001 65002 {65003,65004}", AsPathSegment.toText(v4.asPath()));
    assertEquals(4, v4.asPath().size());
    assertTrue(v4.originAs().isEmpty(), "a path ending in a set has no origin AS");
    assertEquals(Attr01Origin.INCOMPLETE, at.origin().origin());
    assertEquals("10.0.0.1", nextHop(v4));
    assertEquals(100L, at.localPref().value());
    assertNull(at.med());
    assertArrayEquals(new int[] {65001 << 16 | 100, 0xFFFFFF01}, at.communities().values());
    assertArrayEquals(new int[] {-1, 2, 3}, at.largeCommunities().values());
    assertArrayEquals(new long[] {0x0002fde800000064L}, at.extendedCommunities().values());
    assertNotNull(at.atomicAggregate());
    assertEquals(65002L, at.effectiveAggregator().asn());
    assertEquals("192.0.2.1", IpAddresses.format(at.effectiveAggregator().address()));
    assertEquals(65009L, at.otc().asn());
    assertEquals("2001:db8::7", v4.peerAddress());
    assertEquals(65001L, v4.peerAsn());
    assertEquals(RibView.LOC_RIB, v4.rib());
    assertEquals(Set.of(), v4.corrections());
    RouteRow v6 = exact(rib, "2001:db8:5::/48").get(0);
    assertEquals("2001:db8::2", nextHop(v6));
    assertEquals(v4.asPath(), v6.asPath());
  }

  @Test
  void snapshotSeesTableInPrefixOrderWithBytes() {
    Rib rib = new Rib();
    PeerTable t = rib.table(A);
    t.apply(announce(attrs(1, 1), r("10.1.0.0/16"), r("10.0.0.0/8"), r("2001:db8::/32")), T);
    t.apply(announce(attrs(2, 1), r("10.0.0.0/8", 4)), T);
    List<String> seen = new ArrayList<>();
    rib.forEachRoute(A, (afi, hi, lo, len, pid, id, bytes, secs, stale, corrections) -> {
      assertNotNull(bytes);
      assertEquals(T / 1000, secs);
      seen.add(PrefixKeys.prefix(afi, hi, lo, len) + "#" + pid + " med="
          + CanonicalAttributes.decode(bytes).med().value());
    });
    assertEquals(List.of("10.0.0.0/8#-1 med=1", "10.0.0.0/8#4 med=2", "10.1.0.0/16#-1 med=1",
        "2001:db8::/32#-1 med=1"), seen);
    assertFalse(rib.forEachRoute(B, (afi, hi, lo, len, pid, id, bytes, secs, stale, corrections) -> { }));
  }

  @Test
  void tableKeyCanonicalisesPeerAddress() {
    assertEquals("2001:db8::7", C.peerAddress());
    assertEquals(new TableKey("r", Source.BGP, "2001:0db8:0:0::7", 0, RibView.LOC_RIB),
        new TableKey("r", Source.BGP, "2001:db8::7", 0, RibView.LOC_RIB));
    assertEquals("::ffff:1.2.3.4", TableKey.canonicalAddress("::FFFF:1.2.3.4"));
    assertEquals("peer-name", TableKey.canonicalAddress("peer-name"));
    assertEquals("1.2.3.256", TableKey.canonicalAddress("1.2.3.256"));
    Route.of(Prefix.parse("10.0.0.0/8"));
  }
}
