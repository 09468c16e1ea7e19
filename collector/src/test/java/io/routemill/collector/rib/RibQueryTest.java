package io.routemill.collector.rib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The four match kinds and pagination against a brute-force reference over random prefixes. */
class RibQueryTest {
  static final long T = 1_700_000_000_000L;
  static final List<TableKey> KEYS = List.of(
      new TableKey("10.255.0.1", Source.BMP, "192.0.2.1", 0, RibView.ADJ_IN_PRE),
      new TableKey("10.255.0.1", Source.BMP, "192.0.2.1", 0, RibView.ADJ_IN_POST),
      new TableKey("10.255.0.1", Source.BMP, "192.0.2.2", 0, RibView.ADJ_IN_PRE),
      new TableKey("10.255.0.2", Source.BMP, "2001:db8::2", 0, RibView.LOC_RIB),
      new TableKey("collector", Source.BGP, "192.0.2.9", 0, RibView.ADJ_IN_PRE));

  /** Reference: table → (prefix → path ids → med). */
  record Ref(TableKey key, Prefix prefix, long pathId, long med) {}

  static Prefix randomPrefix(Random rnd, boolean v6) {
    if (!v6) {
      // clustered in a few /8s so that prefixes nest
      int len = rnd.nextInt(33);
      byte[] a = new byte[] {(byte) (10 + rnd.nextInt(3)), (byte) rnd.nextInt(4), (byte) rnd.nextInt(256),
          (byte) rnd.nextInt(256)};
      if (rnd.nextInt(8) == 0) len = rnd.nextInt(9);
      return Prefix.canonical(AfiSafi.AFI_IPV4, a, len);
    }
    int len = rnd.nextInt(129);
    byte[] a = new byte[16];
    rnd.nextBytes(a);
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = (byte) (0xb8 + rnd.nextInt(2));
    a[4] = (byte) rnd.nextInt(3);
    if (rnd.nextInt(8) == 0) len = rnd.nextInt(40);
    return Prefix.canonical(AfiSafi.AFI_IPV6, a, len);
  }

  static boolean covers(Prefix outer, Prefix inner) {
    if (outer.afi() != inner.afi() || outer.length() > inner.length()) return false;
    return Prefix.canonical(inner.afi(), inner.address(), outer.length()).equals(outer);
  }

  Rib build(long seed, List<Ref> refs) {
    Random rnd = new Random(seed);
    Rib rib = new Rib();
    TreeMap<String, Ref> live = new TreeMap<>();
    for (int step = 0; step < 6000; step++) {
      TableKey k = KEYS.get(rnd.nextInt(KEYS.size()));
      boolean v6 = rnd.nextInt(3) == 0;
      Prefix p = randomPrefix(rnd, v6);
      long pid = k.rib() == RibView.ADJ_IN_POST ? rnd.nextInt(3) : Route.NO_PATH_ID;
      Route route = new Route(p, pid);
      String id = k + "|" + p + "|" + pid;
      if (rnd.nextInt(5) == 0) {
        rib.table(k).apply(Updates.withdraw(route), T);
        live.remove(id);
      } else {
        long med = rnd.nextInt(50);
        rib.table(k).apply(Updates.announce(Updates.attrs(med, 65000 + med), route), T);
        live.put(id, new Ref(k, p, pid, med));
      }
    }
    refs.addAll(live.values());
    return rib;
  }

  static List<String> render(List<RouteRow> routes) {
    List<String> out = new ArrayList<>();
    for (RouteRow r : routes) out.add(r.prefix() + " " + r.router() + " " + r.rib() + " " + r.peerAddress() + " "
        + r.pathId() + " " + r.attributes().med().value());
    return out;
  }

  static List<String> expected(List<Ref> refs, Prefix q, Match m, String peer, RibView view) {
    List<Ref> hits = new ArrayList<>();
    String canonicalPeer = peer == null ? null : TableKey.canonicalAddress(peer);
    for (Ref r : refs) {
      if (canonicalPeer != null && !canonicalPeer.equals(r.key().peerAddress())) continue;
      if (view != null && view != r.key().rib()) continue;
      boolean ok = switch (m) {
        case EXACT -> r.prefix().equals(q);
        case MORE -> covers(q, r.prefix());
        case LESS, LONGEST -> covers(r.prefix(), q);
      };
      if (ok) hits.add(r);
    }
    if (m == Match.LONGEST) {
      int best = -1;
      for (Ref r : hits) best = Math.max(best, r.prefix().length());
      final int b = best;
      hits.removeIf(r -> r.prefix().length() != b);
    }
    hits.sort((x, y) -> {
      int c = x.prefix().compareTo(y.prefix());
      if (c == 0) c = x.key().compareTo(y.key());
      if (c == 0) c = Long.compare(x.pathId(), y.pathId());
      return c;
    });
    List<String> out = new ArrayList<>();
    for (Ref r : hits) out.add(r.prefix() + " " + r.key().router() + " " + r.key().rib() + " "
        + r.key().peerAddress() + " " + r.pathId() + " " + r.med());
    return out;
  }

  List<String> all(Rib rib, Prefix q, Match m, String peer, RibView view, int limit) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      RoutePage page = rib.routes(new RouteQuery(q, m, peer, view, limit, cursor));
      assertTrue(page.routes().size() <= limit);
      if (page.next() != null) assertEquals(limit, page.routes().size());
      out.addAll(render(page.routes()));
      cursor = page.next();
      assertTrue(++pages < 100_000);
    } while (cursor != null);
    return out;
  }

  @Test
  void matchesAgreeWithBruteForce() {
    List<Ref> refs = new ArrayList<>();
    Rib rib = build(42, refs);
    Random rnd = new Random(7);
    List<Prefix> queries = new ArrayList<>();
    for (int i = 0; i < 300; i++) queries.add(randomPrefix(rnd, i % 3 == 0));
    for (int i = 0; i < 100; i++) queries.add(refs.get(rnd.nextInt(refs.size())).prefix());
    queries.add(Prefix.parse("0.0.0.0/0"));
    queries.add(Prefix.parse("::/0"));
    queries.add(Prefix.parse("10.1.2.3/32"));
    int nonEmpty = 0;
    for (Prefix q : queries) {
      for (Match m : Match.values()) {
        List<String> want = expected(refs, q, m, null, null);
        assertEquals(want, all(rib, q, m, null, null, 10_000), q + " " + m);
        if (!want.isEmpty()) nonEmpty++;
      }
      String peer = rnd.nextBoolean() ? "192.0.2.1" : "2001:DB8::2";
      RibView view = rnd.nextBoolean() ? null : RibView.ADJ_IN_PRE;
      for (Match m : Match.values()) {
        assertEquals(expected(refs, q, m, peer, view), all(rib, q, m, peer, view, 10_000),
            q + " " + m + " " + peer + " " + view);
      }
    }
    assertTrue(nonEmpty > 300, "queries hit routes: " + nonEmpty);
  }

  @Test
  void paginationCoversEveryRouteExactlyOnce() {
    List<Ref> refs = new ArrayList<>();
    Rib rib = build(99, refs);
    for (Prefix q : List.of(Prefix.parse("0.0.0.0/0"), Prefix.parse("10.0.0.0/8"), Prefix.parse("::/0"))) {
      List<String> want = expected(refs, q, Match.MORE, null, null);
      for (int limit : new int[] {1, 2, 3, 7, 100, 257, 10_000}) {
        List<String> got = all(rib, q, Match.MORE, null, null, limit);
        assertEquals(want, got, q + " limit " + limit);
        assertEquals(new HashSet<>(got).size(), got.size());
      }
    }
    // every route of the RIB exactly once over the two families
    Set<String> seen = new TreeSet<>();
    seen.addAll(all(rib, Prefix.parse("0.0.0.0/0"), Match.MORE, null, null, 13));
    seen.addAll(all(rib, Prefix.parse("::/0"), Match.MORE, null, null, 13));
    assertEquals(refs.size(), seen.size());
    // the other kinds page too
    Prefix deep = refs.get(0).prefix();
    Prefix host = Prefix.canonical(deep.afi(), deep.address(), deep.isIpv4() ? 32 : 128);
    assertEquals(expected(refs, host, Match.LESS, null, null), all(rib, host, Match.LESS, null, null, 1));
    assertEquals(expected(refs, host, Match.LONGEST, null, null), all(rib, host, Match.LONGEST, null, null, 1));
  }

  @Test
  void paginationIsStableWhileTheRibChanges() {
    List<Ref> refs = new ArrayList<>();
    Rib rib = build(5, refs);
    Prefix all = Prefix.parse("0.0.0.0/0");
    RoutePage first = rib.routes(new RouteQuery(all, Match.MORE, null, null, 50, null));
    // remove the routes of the first page, then continue: nothing is repeated or skipped after the cursor
    for (RouteRow r : first.routes()) rib.table(r.key()).apply(Updates.withdraw(new Route(r.prefix(), r.pathId())), T);
    List<String> rest = new ArrayList<>();
    String cursor = first.next();
    while (cursor != null) {
      RoutePage p = rib.routes(new RouteQuery(all, Match.MORE, null, null, 50, cursor));
      rest.addAll(render(p.routes()));
      cursor = p.next();
    }
    List<String> want = expected(refs, all, Match.MORE, null, null);
    assertEquals(want.subList(50, want.size()), rest);
  }

  @Test
  void badCursorsAreRejected() {
    Rib rib = new Rib();
    Prefix p = Prefix.parse("10.0.0.0/8");
    assertThrows(IllegalArgumentException.class, () -> rib.routes(new RouteQuery(p, Match.MORE, null, null, 5, "!!")));
    assertThrows(IllegalArgumentException.class, () -> rib.routes(new RouteQuery(p, Match.MORE, null, null, 0, null)));
    RoutePage empty = rib.routes(new RouteQuery(p, Match.LONGEST, null, null, 5, null));
    assertTrue(empty.routes().isEmpty());
    assertNull(empty.next());
    rib.table(KEYS.get(0)).apply(new Update(List.of(), PathAttributes.EMPTY, List.of(), List.of(), new byte[0]), T);
    assertEquals(List.of(KEYS.get(0)), rib.keys());
  }

  @Test
  void rowsCarryTypedValues() {
    Rib rib = new Rib();
    TableKey k = KEYS.get(1);
    rib.table(k).setPeerAsn(64500);
    List<PathAttribute> withSet = Updates.attrs(5, 65001);
    withSet.set(1, new Attr02AsPath(List.of(AsPathSegment.sequence(65001, 65002), AsPathSegment.set(65003, 65004))));
    rib.table(k).apply(Updates.announce(Updates.attrs(5, 65001, 65002), new Route(Prefix.parse("10.0.0.0/8"), 3),
        Route.of(Prefix.parse("10.1.0.0/16")), Route.of(Prefix.parse("2001:db8::/32"))), T + 1500);
    rib.table(k).apply(Updates.announce(withSet, Route.of(Prefix.parse("10.2.0.0/16"))), T);
    List<PathAttribute> noNextHop = Updates.attrs(5, 65001);
    noNextHop.remove(2);
    rib.table(k).apply(Updates.announce(noNextHop, Route.of(Prefix.parse("10.3.0.0/16"))), T);

    List<RouteRow> rows = rib.routes(new RouteQuery(Prefix.parse("0.0.0.0/0"), Match.MORE, 100)).routes();
    assertEquals(4, rows.size());
    RouteRow a = rows.get(0);
    assertEquals(k, a.key());
    assertEquals(Source.BMP, a.source());
    assertEquals(64500, a.peerAsn());
    assertEquals(Prefix.parse("10.0.0.0/8"), a.prefix());
    assertEquals(3, a.pathId());
    assertTrue(a.hasPathId());
    assertEquals(List.of(AsPathSegment.sequence(65001, 65002)), a.asPath());
    assertEquals(OptionalLong.of(65002), a.originAs());
    assertArrayEquals(new byte[] {10, 0, 0, 1}, a.nextHop());
    assertEquals(5, a.attributes().med().value());
    assertEquals(Instant.ofEpochSecond(T / 1000 + 1), a.receivedAt());
    assertFalse(a.stale());
    assertEquals(Set.of(), a.corrections());

    RouteRow b = rows.get(1);
    assertEquals(Route.NO_PATH_ID, b.pathId());
    assertFalse(b.hasPathId());
    assertSame(a.attributes(), b.attributes(), "one decoded set per interned set");

    RouteRow set = rows.get(2);
    assertEquals(2, set.asPath().size());
    assertTrue(set.originAs().isEmpty(), "no origin AS for a path ending in a set");

    RouteRow kept = rows.get(3);
    assertNull(kept.nextHop());
    assertEquals(Set.of(Correction.MISSING_NEXT_HOP_KEPT), kept.corrections());

    RouteRow v6 = rib.routes(new RouteQuery(Prefix.parse("::/0"), Match.MORE, 100)).routes().get(0);
    assertArrayEquals(Prefix.parse("2001:db8::1/128").address(), v6.nextHop(), "MP_REACH_NLRI's next hop");
    assertEquals(OptionalLong.of(65002), v6.originAs());
    v6.nextHop()[0] = 0;
    assertArrayEquals(Prefix.parse("2001:db8::1/128").address(), v6.nextHop(), "a fresh array each time");

    rib.table(k).markStale();
    assertTrue(rib.routes(new RouteQuery(Prefix.parse("10.0.0.0/8"), Match.EXACT, 10)).routes().get(0).stale());
  }

  @Test
  void originAsRule() {
    assertEquals(OptionalLong.empty(), AsPathSegment.originAs(null));
    assertEquals(OptionalLong.empty(), AsPathSegment.originAs(List.of()));
    assertEquals(OptionalLong.of(4200000000L), AsPathSegment.originAs(List.of(AsPathSegment.sequence(1, 4200000000L))));
    assertEquals(OptionalLong.empty(),
        AsPathSegment.originAs(List.of(AsPathSegment.sequence(1), AsPathSegment.set(2))));
    assertEquals(OptionalLong.empty(), AsPathSegment.originAs(List.of(AsPathSegment.sequence())));
    assertEquals(OptionalLong.empty(), AsPathSegment.originAs(
        List.of(new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, new long[] {64512}))));
    assertEquals(OptionalLong.of(7), AsPathSegment.originAs(
        List.of(new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, new long[] {64512}), AsPathSegment.sequence(7))));
  }
}
