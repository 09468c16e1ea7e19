package io.routemill.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.routemill.archiver.archive.ArchiveIndex;
import io.routemill.archiver.archive.Archiver;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RouteRow;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.stream.ConsumerStream;
import io.routemill.collector.stream.SubscriberStats;
import io.routemill.publisher.api.RouteJson;
import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.routemill.testkit.Interop;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver end to end with a real router: GoBGP 3.10 as a BMP sender (pre-policy Adj-RIB-In) to routemill
 * (in-process, the archiver enabled on the station's event stream as {@code routemill run} wires it), fed by a
 * second GoBGP that injects real RIB entries ({@code gobgp mrt inject}) plus marker routes with communities.
 * After the load, a forced RIB dump ({@link Archiver#dumpRibNow()}) and updates rotation ({@link Archiver#rotateNow()}):
 * <ul>
 *   <li>{@code bgpdump -m} of the bview lists exactly the RIB's routes;</li>
 *   <li>{@code bgpdump -m} of the updates file(s) lists exactly the UPDATEs (and state changes) routemill's station
 *       received, and the last announcement of each prefix is the RIB's route;</li>
 *   <li>DuckDB reads the Parquet {@code routes} and {@code updates} files in full: row counts, distinct peers, and
 *       the marker prefix's as_path and communities equal the RIB.</li>
 * </ul>
 * <pre>
 *   routemill 127.0.0.1:free  ◄─BMP (pre-policy)──  A: gobgpd AS65001 127.0.0.2
 *                                                     │ eBGP v4+v6
 *                                                   B: gobgpd AS65002 127.0.0.3, injects real RIB entries
 * </pre>
 */
class ArchiveGobgpInteropTest {
  private static final Duration T = Duration.ofSeconds(40);
  private static final String A = "127.0.0.2";
  private static final String B = "127.0.0.3";
  private static final int V4_ENTRIES = 300;
  private static final int V6_ENTRIES = 100;
  private static final String MARKER = "203.0.113.0/24";

  private Routemill routemill;
  private Archiver archiver;
  private final List<Gobgp> daemons = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    // gobgpd before the collector: its SIGTERM handling blocks when the BMP peer is already gone
    for (int i = daemons.size() - 1; i >= 0; i--) daemons.get(i).close();
    if (routemill != null) routemill.close(); // the service closes its stream and archiver
  }

  @Test
  void mrtAndParquetArchivesOfAGobgpFeedMatchTheRib(@TempDir Path dir) throws Exception {
    Interop.require("gobgpd");
    Interop.require("gobgp");
    Interop.require("bgpdump");
    long t0 = System.nanoTime();
    Path mrt4 = dir.resolve("rib4.mrt");
    Path mrt6 = dir.resolve("rib6.mrt");
    MrtSample.firstEntries(MrtSample.RIB_V4, V4_ENTRIES, mrt4);
    MrtSample.firstEntries(MrtSample.RIB_V6, V6_ENTRIES, mrt6);

    // ---- routemill with the archiver on the station's event stream (as RunCommand wires it) ----
    Path root = dir.resolve("archive");
    List<RouteEvent> seen = Collections.synchronizedList(new ArrayList<>());
    routemill = Routemill.start("archive:\n  uri: " + root.toUri() + "\n  collector: rm00\n",
        List.of(ConsumerStream.subscriber("recorder", e -> {
          if (Archiver.archivable(e)) seen.add(e);
        })));
    archiver = routemill.parts.archiver().orElseThrow();

    int bgpA = Daemon.freePort(A);
    int bgpB = Daemon.freePort(B);
    int[] api = Daemon.freePorts("127.0.0.1", 2);
    Gobgp a = Gobgp.start("gobgpd-A", dir, A, api[0], tomlA(bgpA, bgpB, routemill.bmpPort()));
    daemons.add(a);
    Gobgp b = Gobgp.start("gobgpd-B", dir, B, api[1], Gobgp.injectorConfig(bgpB, bgpA, 0));
    daemons.add(b);
    Await.until(() -> a.established(B), T, () -> "A–B session state " + a.sessionState(B) + "\nA log:\n"
        + a.daemon.logTail(1500) + "\nB log:\n" + b.daemon.logTail(1500));
    Await.until(() -> routemill.peers(B).stream().anyMatch(p -> "up".equals(p.state())), T,
        () -> "routemill peers: " + routemill.peers(B));
    Routemill.log("archive interop", "session up and reported over BMP", t0);

    // ---- load ----
    b.cliOk("mrt", "inject", "global", "--no-ipv6", mrt4.toString(), Integer.toString(V4_ENTRIES));
    b.cliOk("mrt", "inject", "global", "--no-ipv4", mrt6.toString(), Integer.toString(V6_ENTRIES));
    b.cliOk("global", "rib", "add", "-a", "ipv4", MARKER, "origin", "igp", "nexthop", "198.51.100.1",
        "aspath", "64500 64501", "med", "50", "community", "65002:100,65002:101", "large-community", "65002:1:1");
    b.cliOk("global", "rib", "add", "-a", "ipv6", "2001:db8:2::/48", "origin", "incomplete", "nexthop",
        "2001:db8::2", "aspath", "64500 64504", "med", "7", "community", "65002:106");
    // no ADD-PATH: A holds B's best path of every prefix; wait until B's table and A's copy agree and stay put
    AtomicReference<String> seenCounts = new AtomicReference<>("");
    Await.until(() -> {
      long[] b4 = b.ribSummary("ipv4");
      long[] b6 = b.ribSummary("ipv6");
      String now = b4[0] + "/" + b6[0] + " prefixes at B, " + a.received(B, 1) + "/" + a.received(B, 2) + " at A";
      boolean stable = a.received(B, 1) == b4[0] && a.received(B, 2) == b6[0] && now.equals(seenCounts.get());
      seenCounts.set(now);
      return stable;
    }, T, seenCounts::get);
    // without ADD-PATH GoBGP lists path id 0; routemill none
    RouteTable pre = new RouteTable();
    RouteTable gobgp = a.adjIn(B);
    for (String prefix : gobgp.prefixes()) {
      for (RouteTable.Path p : gobgp.paths(prefix)) pre.add(prefix, RouteTable.NO_ID, p.attrs());
    }
    AtomicReference<String> diff = new AtomicReference<>("");
    Await.until(() -> {
      diff.set(RouteTable.diff("adj-in-pre (vs gobgp neighbor " + B + " adj-in)", pre,
          routemill.table(B, RibView.ADJ_IN_PRE), 15));
      return diff.get().isEmpty();
    }, T, diff::get);
    Await.until(() -> queued() == 0 && archiver.events() == seen.size(), T,
        () -> "queued " + queued() + ", archived " + archiver.events() + " of " + seen.size());
    Routemill.log("archive interop", "routemill holds A's " + pre.pathCount() + " pre-policy paths; " + seen.size() + " events archived", t0);

    // ---- forced RIB dump and rotation ----
    Archiver.DumpResult dump = archiver.dumpRibNow();
    List<ArchiveIndex.Entry> rotated = archiver.rotateNow();
    assertFalse(rotated.isEmpty(), "rotateNow published nothing");
    List<RouteEvent> events = List.copyOf(seen);
    List<RouteText> routes = ribRoutes(routemill.rib);
    assertEquals(pre.pathCount(), routes.size(), "the RIB holds A's Adj-RIB-In");
    assertTrue(routes.size() > 200, "a real table, not a handful of routes: " + routes.size()); // mrt inject drops some
    Routemill.log("archive interop", "dumped " + dump.routes() + " routes; published " + archiver.index().entries().size() + " files", t0);

    checkBview(root, dump, routes);
    List<String> updateLines = checkUpdates(root, events, routes);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      checkRoutesParquet(db, root, dump, routes);
      checkUpdatesParquet(db, root, updateLines.size());
    }
    Routemill.log("archive interop", "bgpdump and DuckDB read the archive; both match the RIB", t0);
  }

  /** {@code bgpdump -m} of the bview lists exactly the RIB's routes. */
  private static void checkBview(Path root, Archiver.DumpResult dump, List<RouteText> routes) throws Exception {
    List<ArchiveIndex.Entry> bviews = dump.published().stream()
        .filter(e -> e.kind().equals("rib") && e.format().equals("mrt")).toList();
    assertEquals(1, bviews.size(), "bview files: " + dump.published());
    List<String> lines = bgpdump(root.resolve(bviews.get(0).path()));
    List<String> actual = new ArrayList<>();
    for (String l : lines) {
      String[] f = l.split("\\|", -1);
      assertEquals("TABLE_DUMP2", f[0], l);
      actual.add(address(f[3]) + "|" + f[4] + "|" + prefix(f[5]) + "|" + f[6] + "|" + f[7] + "|" + address(f[8])
          + "|" + communities(f[11]) + "|" + f[10]);
    }
    List<String> expected = new ArrayList<>();
    for (RouteText r : routes) {
      expected.add(r.peerAddress() + "|" + r.peerAsn() + "|" + r.prefix() + "|" + r.asPath() + "|" + r.origin() + "|"
          + address(r.nextHop()) + "|" + String.join(" ", r.communities()) + "|" + (r.med() == null ? 0 : r.med()));
    }
    assertEquals(routes.size(), dump.routes());
    var e = bag(expected);
    var a = bag(actual);
    assertTrue(e.equals(a), () -> "bview differs from the RIB:" + diff(e, a, 20));
  }

  /**
   * {@code bgpdump -m} of the updates files lists exactly the UPDATEs and state changes received, and the last
   * announcement of every route is the RIB's. Returns bgpdump's lines.
   */
  private List<String> checkUpdates(Path root, List<RouteEvent> events, List<RouteText> routes)
      throws Exception {
    List<ArchiveIndex.Entry> files = new ArrayList<>(archiverEntries("updates", "mrt"));
    files.sort((x, y) -> x.start().compareTo(y.start()));
    assertFalse(files.isEmpty());
    List<String> lines = new ArrayList<>();
    for (ArchiveIndex.Entry f : files) lines.addAll(bgpdump(root.resolve(f.path())));
    List<String> actual = new ArrayList<>();
    Map<String, String> last = new LinkedHashMap<>();
    for (String l : lines) {
      String[] f = l.split("\\|", -1);
      assertEquals("BGP4MP_ET", f[0], l);
      String ts = f[1].contains(".") ? f[1].substring(0, f[1].indexOf('.')) : f[1];
      switch (f[2]) {
        case "A" -> {
          actual.add(ts + "|A|" + address(f[3]) + "|" + f[4] + "|" + prefix(f[5]) + "|" + f[6]);
          last.put(address(f[3]) + "|" + prefix(f[5]), f[6] + "|" + f[7] + "|" + address(f[8]) + "|"
              + communities(f[11]));
        }
        case "W" -> {
          actual.add(ts + "|W|" + address(f[3]) + "|" + f[4] + "|" + prefix(f[5]));
          last.remove(address(f[3]) + "|" + prefix(f[5]));
        }
        case "STATE" -> actual.add(ts + "|STATE|" + address(f[3]) + "|" + f[4] + "|" + f[5] + "|" + f[6]);
        default -> throw new AssertionError("unexpected line " + l);
      }
    }
    List<String> expected = new ArrayList<>();
    for (RouteEvent e : events) {
      PeerIdentity p = ((RouteEvent.PeerEvent) e).peer();
      String peer = (e.receivedAtMicros() / 1_000_000) + "|%s|" + p.addressText() + "|" + p.asn();
      if (e instanceof RouteEvent.PeerUp up) {
        expected.add(String.format(peer, "STATE") + "|" + up.previousState() + "|6");
        continue;
      }
      if (e instanceof RouteEvent.PeerDown) {
        expected.add(String.format(peer, "STATE") + "|6|1");
        continue;
      }
      if (e instanceof RouteEvent.StateChange c) {
        expected.add(String.format(peer, "STATE") + "|" + c.oldState() + "|" + c.newState());
        continue;
      }
      byte[] raw = e instanceof RouteEvent.RouteUpdate ue ? ue.raw() : ((RouteEvent.EndOfRib) e).raw();
      Update u = (Update) BgpMessageDecoder.decode(Unpooled.wrappedBuffer(raw),
          new DecodeContext(p.fourOctetAs(), Set.of(), true));
      for (Route r : u.withdrawn()) expected.add(String.format(peer, "W") + "|" + r.prefix());
      if (u.attributes().mpUnreach() != null) {
        for (Route r : u.attributes().mpUnreach().routes()) expected.add(String.format(peer, "W") + "|" + r.prefix());
      }
      String path = asPath(u.attributes());
      for (Route r : u.announced()) expected.add(String.format(peer, "A") + "|" + r.prefix() + "|" + path);
      if (u.attributes().mpReach() != null) {
        for (Route r : u.attributes().mpReach().routes()) expected.add(String.format(peer, "A") + "|" + r.prefix() + "|" + path);
      }
    }
    assertTrue(expected.stream().anyMatch(l -> l.contains("|STATE|")), "a peer up's state change");
    var e = bag(expected);
    var a = bag(actual);
    assertTrue(e.equals(a), () -> "bgpdump of the updates files differs from the UPDATEs received:" + diff(e, a, 20));
    // replaying the announcements gives the RIB
    Map<String, String> rib = new TreeMap<>();
    for (RouteText r : routes) {
      rib.put(r.peerAddress() + "|" + r.prefix(), r.asPath() + "|" + r.origin() + "|" + address(r.nextHop()) + "|"
          + String.join(" ", r.communities()));
    }
    var replayed = new TreeMap<>(last);
    assertTrue(rib.equals(replayed), () -> "the updates' last announcements differ from the RIB:"
        + diff(bag(flat(rib)), bag(flat(replayed)), 20));
    return lines;
  }

  /** DuckDB reads the routes table: row count, distinct peers, the marker prefix's AS path and communities. */
  private static void checkRoutesParquet(Connection db, Path root, Archiver.DumpResult dump, List<RouteText> routes)
      throws Exception {
    List<ArchiveIndex.Entry> parts = dump.published().stream()
        .filter(e -> e.kind().equals("rib") && e.format().equals("parquet")).toList();
    assertFalse(parts.isEmpty(), "no Parquet routes file: " + dump.published());
    String files = "[" + String.join(", ", parts.stream().map(e -> "'" + root.resolve(e.path()) + "'").toList()) + "]";
    assertEquals(routes.size(), count(db, "SELECT count(*) FROM read_parquet(" + files + ")"));
    long peers = routes.stream().map(r -> r.router() + " " + r.peerAddress() + " " + r.rib()).distinct().count();
    assertEquals(peers, count(db, "SELECT count(DISTINCT (router, peer_address, view)) FROM read_parquet(" + files
        + ")"));
    assertEquals(routes.stream().filter(r -> r.prefix().isIpv4()).count(),
        count(db, "SELECT count(*) FROM read_parquet(" + files + ") WHERE afi = 1"));
    RouteText marker = routes.stream().filter(r -> r.prefix().toString().equals(MARKER)).findFirst().orElseThrow();
    assertEquals(List.of("65002:100", "65002:101"), marker.communities(), marker::toString);
    List<String> rows = query(db, "SELECT as_path, communities, next_hop, origin_asn, med, large_communities,"
        + " peer_address, peer_asn, view FROM read_parquet(" + files + ") WHERE prefix = '" + MARKER + "'");
    String expected = Arrays.toString(marker.asPath().split(" ")) + "|" + marker.communities() + "|"
        + marker.nextHop() + "|" + marker.asPath().substring(marker.asPath().lastIndexOf(' ') + 1) + "|" + marker.med()
        + "|" + marker.largeCommunities() + "|" + marker.peerAddress() + "|" + marker.peerAsn() + "|adj-in-pre";
    assertEquals(List.of(expected), rows);
    // every route's AS path and communities, not only the marker's
    Map<String, String> expectedPaths = new TreeMap<>();
    for (RouteText r : routes) {
      expectedPaths.put(r.prefix() + "|" + r.peerAddress(), r.asPath() + "|" + String.join(" ", r.communities()));
    }
    Map<String, String> actualPaths = new TreeMap<>();
    for (String row : query(db, "SELECT prefix, peer_address, array_to_string(as_path, ' '),"
        + " array_to_string(communities, ' ') FROM read_parquet(" + files + ")")) {
      String[] f = row.split("\\|", -1);
      actualPaths.put(f[0] + "|" + f[1], f[2] + "|" + f[3]);
    }
    assertTrue(expectedPaths.equals(actualPaths), () -> "as_path and communities per route:"
        + diff(bag(flat(expectedPaths)), bag(flat(actualPaths)), 20));
  }

  /** DuckDB reads the updates tables: one row per bgpdump line. */
  private void checkUpdatesParquet(Connection db, Path root, int bgpdumpLines) throws Exception {
    List<ArchiveIndex.Entry> parts = archiverEntries("updates", "parquet");
    assertFalse(parts.isEmpty());
    String files = "[" + String.join(", ", parts.stream().map(e -> "'" + root.resolve(e.path()) + "'").toList()) + "]";
    assertEquals(bgpdumpLines, count(db, "SELECT count(*) FROM read_parquet(" + files + ")"));
  }

  private long queued() {
    return routemill.parts.events().stats().stream().mapToLong(SubscriberStats::queued).sum();
  }

  private List<ArchiveIndex.Entry> archiverEntries(String kind, String format) {
    // every file the archiver published, whatever interval boundaries the test crossed
    return archiver.index().entries().stream().filter(e -> e.kind().equals(kind) && e.format().equals(format))
        .toList();
  }

  /** A RIB route as the API prints it (bgpdump-style text), which is what bgpdump and DuckDB are compared with. */
  private record RouteText(String router, String peerAddress, long peerAsn, RibView rib, Prefix prefix, String asPath,
      String origin, String nextHop, List<String> communities, List<String> largeCommunities, Long med) {
    static RouteText of(RouteRow r) {
      JsonObject j = RouteJson.route(r);
      return new RouteText(r.router(), r.peerAddress(), r.peerAsn(), r.rib(), r.prefix(), j.getString("asPath"),
          j.getString("origin"), j.getString("nextHop"), strings(j.getJsonArray("communities")),
          strings(j.getJsonArray("largeCommunities")), j.getLong("med"));
    }

    private static List<String> strings(JsonArray a) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) out.add(a.getString(i));
      return out;
    }
  }

  private static List<RouteText> ribRoutes(Rib rib) {
    List<RouteText> out = new ArrayList<>();
    for (String root : List.of("0.0.0.0/0", "::/0")) {
      String cursor = null;
      do {
        RoutePage page = rib.routes(new RouteQuery(Prefix.parse(root), Match.MORE, null, null, 10_000, cursor));
        for (RouteRow r : page.routes()) out.add(RouteText.of(r));
        cursor = page.next();
      } while (cursor != null);
    }
    for (RouteText r : out) assertEquals(RibView.ADJ_IN_PRE, r.rib(), r::toString);
    return out;
  }

  // ---- bgpdump and DuckDB ----

  private static List<String> bgpdump(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Interop.require("bgpdump").toString(), "-m", file.toString()).start();
    byte[] out;
    byte[] err;
    try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
      out = o.readAllBytes();
      err = e.readAllBytes();
    }
    assertEquals(0, p.waitFor(), "bgpdump -m " + file + ": " + new String(err, StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (String l : new String(out, StandardCharsets.UTF_8).split("\n")) if (!l.isEmpty()) lines.add(l);
    return lines;
  }

  private static String address(String text) {
    try {
      return IpAddresses.format(InetAddress.getByName(text).getAddress());
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static String prefix(String text) {
    int slash = text.indexOf('/');
    return address(text.substring(0, slash)) + text.substring(slash);
  }

  private static String asPath(PathAttributes a) {
    var path = a.effectiveAsPath();
    return path == null ? "" : AsPathSegment.toText(path);
  }

  private static List<String> flat(Map<String, String> m) {
    return m.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList();
  }

  /** bgpdump names the well-known communities (RFC 1997); routemill prints them as numbers. */
  private static String communities(String bgpdump) {
    return bgpdump.replace("no-export-subconfed", "65535:65283").replace("no-export", "65535:65281")
        .replace("no-advertise", "65535:65282");
  }

  private static Map<String, Integer> bag(List<String> items) {
    Map<String, Integer> m = new TreeMap<>();
    for (String s : items) m.merge(s, 1, Integer::sum);
    return m;
  }

  private static String diff(Map<String, Integer> expected, Map<String, Integer> actual, int max) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (var e : expected.entrySet()) {
      int a = actual.getOrDefault(e.getKey(), 0);
      if (a != e.getValue() && n++ < max) sb.append("\n  expected ").append(e.getValue()).append("x, got ").append(a)
          .append(": ").append(e.getKey());
    }
    for (var e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey()) && n++ < max) sb.append("\n  unexpected ").append(e.getValue())
          .append("x: ").append(e.getKey());
    }
    return sb.toString();
  }

  private static List<String> query(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        String[] cols = new String[n];
        for (int i = 0; i < n; i++) {
          Object o = r.getObject(i + 1);
          cols[i] = o instanceof java.sql.Array arr ? Arrays.deepToString((Object[]) arr.getArray()) : String.valueOf(o);
        }
        out.add(String.join("|", cols));
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }


  private static String tomlA(int port, int peerPort, int bmpPort) {
    return """
        [global.config]
          as = 65001
          router-id = "127.0.0.2"
          port = %d
          local-address-list = ["127.0.0.2"]

        [[bmp-servers]]
          [bmp-servers.config]
            address = "127.0.0.1"
            port = %d
            route-monitoring-policy = "pre-policy"

        [[neighbors]]
          [neighbors.config]
            neighbor-address = "127.0.0.3"
            peer-as = 65002
          [neighbors.transport.config]
            local-address = "127.0.0.2"
            remote-port = %d
            passive-mode = true
          [neighbors.timers.config]
            connect-retry = 1
            idle-hold-time-after-reset = 1
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv4-unicast"
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv6-unicast"
        """.formatted(port, bmpPort, peerPort);
  }
}
