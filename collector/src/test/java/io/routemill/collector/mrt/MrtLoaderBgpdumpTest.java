package io.routemill.collector.mrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.rib.CanonicalAttributes;
import io.routemill.collector.rib.PrefixKeys;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.testkit.Interop;
import io.routemill.testkit.SharedData;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real RIS and RouteViews files loaded through {@link MrtLoader} into a real {@link Rib}: per peer, the RIB holds
 * the paths Debian's {@code bgpdump -m} prints for the same file, run at test time, with the same prefix, path id,
 * AS path and next hop. For RIB dumps that is every entry (an entry replaces an earlier one of the same peer,
 * prefix and path id, as in the RIB); for an updates file it is the final state after replaying every line:
 * announcements and withdrawals in order, a STATE line leaving Established (6) flushing the peer. The firstMB
 * RouteViews files end in a truncated record, which bgpdump and routemill both skip (README, "bgpdump
 * compatibility"); none of these files has a line where bgpdump is known to be wrong.
 */
class MrtLoaderBgpdumpTest {
  private static final String ROUTER = "test";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bgpdump/bview.20020722.2337.gz", "pyasn/rib.20140523.0600_firstMB.bz2",
      "pyasn/rib6.20151101.0600_firstMB.bz2", "bgpdump/bview.ipv4_unicast_add_path.gz",
      "bgpdump/updates.20160811.1600.gz"})
  void ribEqualsBgpdump(String relative) throws Exception {
    Path bgpdump = Interop.require("bgpdump");
    Path file = SharedData.file("mrt/" + relative);
    Expected expected = replay(bgpdump(bgpdump, file));

    Rib rib = new Rib();
    List<MrtLoader.Result> results = new MrtLoader(new Ingest(rib, RouteEventStream.NONE))
        .loadAll(List.of(file), ROUTER);
    MrtSummary summary = results.get(0).summary();
    assertTrue(results.get(0).loaded(), results.toString());
    if (expected.tableLines > 0) assertEquals(expected.tableLines, summary.tableEntries(), "table entries");
    if (expected.updateLines > 0) assertTrue(summary.updates() > 0, "updates");

    Map<String, Map<String, String>> actual = new TreeMap<>();
    Map<String, Long> actualAsn = new HashMap<>();
    for (TableKey key : rib.keys()) {
      assertEquals(ROUTER, key.router());
      assertEquals(Source.MRT, key.source());
      assertEquals(RibView.ADJ_IN_PRE, key.rib());
      Map<String, String> routes = new HashMap<>();
      rib.forEachRoute(key, (afi, high, low, length, pathId, id, attributes, seconds, stale, corrections) ->
          routes.put(route(PrefixKeys.prefix(afi, high, low, length), pathId), columns(attributes)));
      if (!routes.isEmpty()) {
        actual.put(key.peerAddress(), routes);
        actualAsn.put(key.peerAddress(), rib.find(key).peerAsn());
      }
    }
    expected.routes.values().removeIf(Map::isEmpty);
    assertEquals(expected.routes.keySet(), actual.keySet(), "peers with routes");
    long paths = 0;
    for (var e : expected.routes.entrySet()) {
      String peer = e.getKey();
      Map<String, String> mine = actual.get(peer);
      assertEquals(e.getValue().size(), mine.size(), peer + ": paths");
      List<String> differences = new ArrayList<>();
      for (var route : e.getValue().entrySet()) {
        String got = mine.get(route.getKey());
        if (!route.getValue().equals(got) && differences.size() < 10) {
          differences.add(route.getKey() + ": bgpdump " + route.getValue() + ", RIB " + got);
        }
      }
      assertEquals(List.of(), differences, peer);
      Long asn = expected.asn.get(peer);
      if (asn != null) assertEquals(asn, actualAsn.get(peer), peer + ": AS");
      paths += mine.size();
    }
    assertTrue(paths > 0, "paths");
    System.out.printf("%s: %,d paths of %,d peers equal bgpdump's (%s)%n", relative, paths, actual.size(),
        summary.describe());
  }

  /** What bgpdump's lines leave in a RIB, per peer address: (prefix|path id) → AS path|next hop. */
  private static final class Expected {
    final Map<String, Map<String, String>> routes = new HashMap<>();
    /** The peer's AS, when all its lines agree. */
    final Map<String, Long> asn = new HashMap<>();
    long tableLines;
    long updateLines;
  }

  private static Expected replay(List<String> lines) {
    Expected x = new Expected();
    Map<String, Long> conflicting = new HashMap<>();
    for (String line : lines) {
      String[] f = line.split("\\|", -1);
      String kind = f[0];
      String peer = address(f[3]);
      if (kind.contains("LOCAL")) continue; // the collector's own messages fill another view
      boolean table = kind.startsWith("TABLE_DUMP");
      if (table) x.tableLines++; else x.updateLines++;
      if (f[2].equals("STATE")) {
        if (f[5].equals("6") && !f[6].equals("6")) x.routes.remove(peer);
        continue;
      }
      long asn = Long.parseLong(f[4]);
      Long before = x.asn.putIfAbsent(peer, asn);
      if (before != null && before != asn) conflicting.put(peer, asn);
      boolean addPath = kind.endsWith("_AP");
      String prefix = Prefix.parse(f[5]).toString();
      long pathId = addPath ? Long.parseLong(f[6]) : Route.NO_PATH_ID;
      int a = addPath ? 7 : 6;
      Map<String, String> routes = x.routes.computeIfAbsent(peer, k -> new HashMap<>());
      if (f[2].equals("W")) {
        routes.remove(route(Prefix.parse(prefix), pathId));
      } else {
        routes.put(route(Prefix.parse(prefix), pathId), f[a] + "|" + address(f[a + 2]));
      }
    }
    conflicting.keySet().forEach(x.asn::remove);
    return x;
  }

  private static String route(Prefix p, long pathId) {
    return p + (pathId == Route.NO_PATH_ID ? "" : "#" + pathId);
  }

  /** The RIB path's AS path (bgpdump's notation) and next hop (MP_REACH's global one, else NEXT_HOP). */
  private static String columns(byte[] canonical) {
    PathAttributes a = CanonicalAttributes.decode(canonical);
    List<AsPathSegment> path = a.effectiveAsPath();
    Attr14MpReach mp = a.mpReach();
    byte[] nh = mp != null ? mp.globalNextHop() : a.nextHop() != null ? a.nextHop().address()
        : new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
    return (path == null ? "" : AsPathSegment.toText(path)) + "|" + IpAddresses.format(nh);
  }

  private static String address(String text) {
    try {
      return IpAddresses.format(InetAddress.getByName(text).getAddress());
    } catch (IOException e) {
      return text;
    }
  }

  private static List<String> bgpdump(Path bgpdump, Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(bgpdump.toString(), "-m", file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("bgpdump did not finish on " + file);
    }
    List<String> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.ISO_8859_1).split("\n")) {
      if (!line.isEmpty()) lines.add(line);
    }
    return lines;
  }
}
