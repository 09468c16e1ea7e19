package io.routemill.archiver.archive;

import io.routemill.collector.ingest.Ingest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.routemill.wire.mrt.MrtDecoder;
import io.routemill.wire.mrt.MrtInputs;
import io.routemill.wire.mrt.MrtMessage;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.mrt.MrtRecord;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RouteRow;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.station.BmpStation;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.stream.ConsumerStream;
import io.routemill.collector.stream.SubscriberStats;
import io.routemill.testkit.Await;
import io.routemill.testkit.CaptureReplay;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real router captures replayed into a real BMP station feeding the archiver through the event stream: a forced
 * rotation and RIB dump, then bgpdump reads the MRT files and DuckDB the Parquet files, and both say exactly what
 * the RIB holds and what the routers sent.
 */
class ArchiveReplayTest {
  static final String[] CAPTURES = {
      "bmp/pmacct-test-automation/201-BMP-CISCO-rd_instance",
      "bmp/pmacct-test-automation/205-BMP-6wind-FRR-peer_down",
      "bmp/pmacct/403-IPFIXv10-BMP-IPv6-CISCO-locrib-peerdown-vrf"};
  private static final Set<AfiSafi> ADD_PATH_ALL = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV4_MULTICAST,
      AfiSafi.IPV6_UNICAST, AfiSafi.IPV6_MULTICAST);

  @Test
  void mrtAndParquetMatchTheRibAndTheUpdates(@TempDir Path dir) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2025-03-01T07:58:00Z"));
    Rib rib = new Rib();
    ArchiveSettings settings = new ArchiveSettings(dir.toUri(), "rm00", Duration.ofMinutes(5), Duration.ofHours(8),
        ArchiveSettings.KNOWN_VIEWS, true);
    AtomicReference<BmpStation> stationRef = new AtomicReference<>();
    List<RouteEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Archiver archiver = new Archiver(settings, rib, clock);
    archiver.start();
    ConsumerStream stream = new ConsumerStream(List.of(
        ConsumerStream.subscriber("seen", e -> {
          if (UpdatesFile.archives(e)) seen.add(e);
        }),
        ConsumerStream.subscriber("archiver", archiver)));
    Archiver.DumpResult dump;
    List<Socket> routers;
    try (BmpStation station = new BmpStation("127.0.0.1", 0, new Ingest(rib, stream), clock)) {
      stationRef.set(station);
      routers = CaptureReplay.replay(station, station.start(), CAPTURES);
      Await.until(() -> queued(stream) == 0 && archiver.events() == seen.size(), Duration.ofSeconds(30),
          () -> "queued " + queued(stream) + ", archived " + archiver.events() + " of " + seen.size());
      clock.set(Instant.parse("2025-03-01T08:00:00Z"));
      dump = archiver.dumpRibNow();
      checkBview(dir, rib, dump);
      checkRoutesParquet(dir, rib, dump);
      for (Socket s : routers) s.close();
    }
    stream.close();
    List<ArchiveIndex.Entry> updates = archiver.rotateNow();
    archiver.close();
    assertEquals(2, updates.size(), "updates files: " + updates);
    List<RouteEvent> events = List.copyOf(seen);
    assertFalse(events.isEmpty());
    Path mrt = dir.resolve("rm00/2025.03/updates.20250301.0755.gz");
    assertTrue(Files.exists(mrt), "no " + mrt + " in " + archiver.index().entries());
    checkMessagesByteExact(mrt, events);
    checkUpdatesBgpdump(mrt, events);
    checkUpdatesParquet(dir, events);
    checkIndex(dir, archiver);
  }

  private static long queued(ConsumerStream stream) {
    return stream.stats().stream().mapToLong(SubscriberStats::queued).sum();
  }

  /** The UPDATE bytes of an archived event, or null for a state change. */
  private static byte[] raw(RouteEvent e) {
    if (e instanceof RouteEvent.RouteUpdate u) return u.raw();
    if (e instanceof RouteEvent.EndOfRib eor) return eor.raw();
    return null;
  }

  /** The (old, new) FSM states of a state-change event. */
  private static int[] states(RouteEvent e) {
    if (e instanceof RouteEvent.PeerUp up) return new int[] {up.previousState(), 6};
    if (e instanceof RouteEvent.PeerDown) return new int[] {6, 1};
    RouteEvent.StateChange c = (RouteEvent.StateChange) e;
    return new int[] {c.oldState(), c.newState()};
  }

  /** bgpdump -m of the bview lists exactly the RIB's routes. */
  private static void checkBview(Path dir, Rib rib, Archiver.DumpResult dump) throws Exception {
    Path bview = dir.resolve("rm00/2025.03/bview.20250301.0800.gz");
    assertTrue(Files.exists(bview), "no " + bview + ": " + dump);
    List<String> lines = Tools.bgpdump(bview);
    List<String> actual = new ArrayList<>();
    for (String l : lines) {
      String[] f = l.split("\\|", -1);
      assertEquals("TABLE_DUMP2", f[0], l);
      assertEquals("1740816000", f[1], l);
      actual.add(Tools.address(f[3]) + "|" + f[4] + "|" + Tools.prefix(f[5]) + "|" + f[6] + "|" + f[7] + "|"
          + Tools.address(f[8]));
    }
    List<String> expected = new ArrayList<>();
    for (RouteRow r : allRoutes(rib)) {
      Attr01Origin origin = r.attributes().origin();
      expected.add(r.peerAddress() + "|" + r.peerAsn() + "|" + r.prefix() + "|"
          + (r.asPath() == null ? "" : AsPathSegment.toText(r.asPath())) + "|"
          + (origin == null ? "INCOMPLETE" : origin.origin() == Attr01Origin.IGP ? "IGP"
              : origin.origin() == Attr01Origin.EGP ? "EGP" : "INCOMPLETE") + "|"
          + (r.nextHop() == null ? "255.255.255.255" : Tools.address(IpAddresses.format(r.nextHop()))));
    }
    assertTrue(expected.size() > 500, "the captures hold " + expected.size() + " routes");
    assertEquals(expected.size(), dump.routes());
    var e = Tools.bag(expected);
    var a = Tools.bag(actual);
    assertEquals(e, a, "bview differs from the RIB:" + Tools.diff(e, a, 20));
  }

  static List<RouteRow> allRoutes(Rib rib) {
    List<RouteRow> out = new ArrayList<>();
    for (String root : List.of("0.0.0.0/0", "::/0")) {
      String cursor = null;
      do {
        RoutePage page = rib.routes(new RouteQuery(Prefix.parse(root), Match.MORE, null, null, 10_000, cursor));
        out.addAll(page.routes());
        cursor = page.next();
      } while (cursor != null);
    }
    return out;
  }

  /** DuckDB reads the routes table: row count, distinct peers, one prefix's AS path and communities. */
  private static void checkRoutesParquet(Path dir, Rib rib, Archiver.DumpResult dump) throws Exception {
    List<RouteRow> routes = allRoutes(rib);
    String files = "'" + dir.resolve("parquet/routes/dt=2025-03-01").toString() + "/*.parquet'";
    try (Connection c = Tools.duckdb()) {
      assertEquals(routes.size(), Tools.count(c, "SELECT count(*) FROM read_parquet(" + files + ")"));
      long peers = routes.stream().map(r -> r.router() + " " + r.peerAddress() + " " + r.rib()).distinct().count();
      assertEquals(peers, Tools.count(c, "SELECT count(DISTINCT (router, peer_address, view)) FROM read_parquet("
          + files + ")"));
      RouteRow sample = routes.stream().filter(r -> r.attributes().communities() != null
          && r.attributes().communities().values().length > 1 && r.asPath() != null
          && r.asPath().stream().noneMatch(g -> g.type() == AsPathSegment.AS_SET)).findFirst().orElse(routes.get(0));
      List<String> rows = Tools.query(c, "SELECT as_path, communities, next_hop, origin_asn, local_pref, med"
          + " FROM read_parquet(" + files + ") WHERE prefix = '" + sample.prefix() + "' AND router = '"
          + sample.router() + "' AND peer_address = '" + sample.peerAddress() + "' AND view = '" + sample.rib().label()
          + "'" + (sample.hasPathId() ? " AND path_id = " + sample.pathId() : ""));
      assertTrue(rows.size() >= 1, "no row for " + sample);
      List<Long> asns = new ArrayList<>();
      if (sample.asPath() != null) {
        for (AsPathSegment g : sample.asPath()) for (long asn : g.asns()) asns.add(asn);
      }
      List<String> communities = new ArrayList<>();
      if (sample.attributes().communities() != null) {
        for (int v : sample.attributes().communities().values()) communities.add((v >>> 16) + ":" + (v & 0xFFFF));
      }
      PathAttributes a = sample.attributes();
      String expected = asns + "|" + communities + "|"
          + (sample.nextHop() == null ? null : IpAddresses.format(sample.nextHop())) + "|"
          + (sample.originAs().isPresent() ? sample.originAs().getAsLong() : "null") + "|"
          + (a.localPref() == null ? null : a.localPref().value()) + "|" + (a.med() == null ? null : a.med().value());
      assertTrue(rows.contains(expected), "expected " + expected + " for " + sample + ", DuckDB says " + rows);
    }
  }

  /** The MRT updates file carries every archived event's message, byte for byte, in order. */
  private static void checkMessagesByteExact(Path mrt, List<RouteEvent> events) throws Exception {
    List<byte[]> written = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    MrtDecoder decoder = new MrtDecoder(mrt.toString(), p -> problems.add(p.toString()));
    int states = 0;
    try (MrtReader reader = new MrtReader(MrtInputs.open(mrt), mrt.toString(), p -> problems.add(p.toString()))) {
      MrtRecord r;
      while ((r = reader.next()) != null) {
        MrtMessage m = decoder.decode(r);
        if (m instanceof MrtMessage.BgpMessageRecord b) written.add(b.message().raw());
        if (m instanceof MrtMessage.StateChange) states++;
      }
    }
    List<byte[]> expected = new ArrayList<>();
    int expectedStates = 0;
    for (RouteEvent e : events) {
      if (raw(e) != null) expected.add(raw(e));
      else expectedStates++;
    }
    assertEquals(expected.size(), written.size());
    for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), written.get(i), "message " + i);
    assertEquals(expectedStates, states);
  }

  /** bgpdump -m of the updates file lists exactly the UPDATEs (and state changes) received. */
  private static void checkUpdatesBgpdump(Path mrt, List<RouteEvent> events) throws Exception {
    List<String> actual = new ArrayList<>();
    for (String l : Tools.bgpdump(mrt)) {
      String[] f = l.split("\\|", -1);
      assertEquals("BGP4MP_ET", f[0], l);
      String ts = f[1].contains(".") ? f[1].substring(0, f[1].indexOf('.')) : f[1];
      switch (f[2]) {
        case "A" -> actual.add(ts + "|A|" + Tools.address(f[3]) + "|" + f[4] + "|" + Tools.prefix(f[5]) + "|" + f[6]);
        case "W" -> actual.add(ts + "|W|" + Tools.address(f[3]) + "|" + f[4] + "|" + Tools.prefix(f[5]));
        case "STATE" -> actual.add(ts + "|STATE|" + Tools.address(f[3]) + "|" + f[4] + "|" + f[5] + "|" + f[6]);
        default -> throw new AssertionError("unexpected line " + l);
      }
    }
    List<String> expected = new ArrayList<>();
    for (RouteEvent e : events) {
      PeerIdentity p = ((RouteEvent.PeerEvent) e).peer();
      String ts = Long.toString(e.receivedAtMicros() / 1_000_000);
      String peer = ts + "|%s|" + p.addressText() + "|" + p.asn();
      if (raw(e) == null) {
        int[] st = states(e);
        expected.add(String.format(peer, "STATE") + "|" + st[0] + "|" + st[1]);
        continue;
      }
      Update u = decode(e); // as received: the MRT file holds the bytes as the router sent them
      for (Route r : u.withdrawn()) expected.add(String.format(peer, "W") + "|" + r.prefix());
      if (u.attributes().mpUnreach() != null) {
        for (Route r : u.attributes().mpUnreach().routes()) expected.add(String.format(peer, "W") + "|" + r.prefix());
      }
      String path = Tools.asPath(u.attributes());
      for (Route r : u.announced()) expected.add(String.format(peer, "A") + "|" + r.prefix() + "|" + path);
      if (u.attributes().mpReach() != null) {
        for (Route r : u.attributes().mpReach().routes()) {
          expected.add(String.format(peer, "A") + "|" + r.prefix() + "|" + path);
        }
      }
    }
    var e = Tools.bag(expected);
    var a = Tools.bag(actual);
    assertEquals(e, a, "bgpdump of the updates file differs from the UPDATEs received:" + Tools.diff(e, a, 20));
  }

  static Update decode(RouteEvent e) {
    boolean addPath = e instanceof RouteEvent.RouteUpdate u ? u.addPath() : ((RouteEvent.EndOfRib) e).addPath();
    DecodeContext ctx = new DecodeContext(((RouteEvent.PeerEvent) e).peer().fourOctetAs(),
        addPath ? ADD_PATH_ALL : Set.of(), true);
    BgpMessage m = BgpMessageDecoder.decode(Unpooled.wrappedBuffer(raw(e)), ctx);
    return (Update) m;
  }

  /** DuckDB reads the updates table: one row per announcement, withdrawal and state change. */
  private static void checkUpdatesParquet(Path dir, List<RouteEvent> events) throws Exception {
    long a = 0;
    long w = 0;
    long s = 0;
    for (RouteEvent e : events) {
      if (raw(e) == null) {
        s++;
        continue;
      }
      if (!(e instanceof RouteEvent.RouteUpdate ru)) continue; // End-of-RIB: no rows
      Update u = ru.update();
      w += u.withdrawn().size() + (u.attributes().mpUnreach() == null ? 0 : u.attributes().mpUnreach().routes().size());
      a += u.announced().size() + (u.attributes().mpReach() == null ? 0 : u.attributes().mpReach().routes().size());
    }
    String files = "'" + dir.resolve("parquet/updates").toString() + "/**/*.parquet'";
    try (Connection c = Tools.duckdb()) {
      List<String> counts = Tools.query(c, "SELECT type, count(*) FROM read_parquet(" + files
          + ", hive_partitioning = true) GROUP BY type ORDER BY type");
      List<String> expected = new ArrayList<>();
      if (a > 0) expected.add("A|" + a);
      if (s > 0) expected.add("STATE|" + s);
      if (w > 0) expected.add("W|" + w);
      assertEquals(expected, counts);
      assertEquals(List.of("2025-03-01|07"), Tools.query(c, "SELECT DISTINCT dt, hour FROM read_parquet(" + files
          + ", hive_partitioning = true)"));
    }
  }

  /** index.json lists every published file with its real size and hash. */
  private static void checkIndex(Path dir, Archiver archiver) throws Exception {
    ArchiveIndex index = ArchiveIndex.fromJson(Files.readString(dir.resolve("index.json")));
    assertEquals(archiver.index().entries(), index.entries());
    assertTrue(index.entries().size() >= 4, "index: " + index.entries());
    for (ArchiveIndex.Entry e : index.entries()) {
      Path f = dir.resolve(e.path());
      assertEquals(Files.size(f), e.bytes(), e.path());
      assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(f))), e.sha256(), e.path());
      assertEquals("rm00", e.collector());
    }
    assertTrue(index.missed().isEmpty(), "missed: " + index.missed());
  }
}
