package io.routemill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.app.ServiceAssembly;
import io.routemill.app.config.ConfigLoader;
import io.routemill.testkit.Interop;
import io.routemill.testkit.SharedData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code routemill run --load}: real RIS and RouteViews RIB dumps loaded through the ingest, served through
 * {@code /api/v1/routes} exactly as {@code bgpdump -m} lists them: every entry, none more, with peer, prefix, AS path,
 * origin, next hop, LOCAL_PREF, MED, communities, ATOMIC_AGGREGATE and AGGREGATOR equal.
 */
class RunLoadTest {
  /** RIS rrc00 2002 (TABLE_DUMP), RouteViews 2014 IPv4 and 2015 IPv6 (TABLE_DUMP_V2), an RFC 8050 ADD-PATH bview. */
  private static final List<String> FILES = List.of("mrt/bgpdump/bview.20020722.2337.gz",
      "mrt/pyasn/rib.20140523.0600_firstMB.bz2", "mrt/pyasn/rib6.20151101.0600_firstMB.bz2",
      "mrt/bgpdump/bview.ipv4_unicast_add_path.gz");
  /** bgpdump names the RFC 1997 well-known communities; the API prints every community as numbers. */
  private static final Map<String, String> WELL_KNOWN = Map.of("no-export", "65535:65281", "no-advertise",
      "65535:65282", "local-AS", "65535:65283");

  @Test
  void theApiServesExactlyTheEntriesBgpdumpLists() throws Exception {
    Path bgpdump = Interop.require("bgpdump");
    List<Path> files = new ArrayList<>();
    for (String f : FILES) files.add(SharedData.file(f));
    StringBuilder yaml = new StringBuilder("bmp: {host: 127.0.0.1, port: 0}\nhttp: {host: 127.0.0.1, port: 0}\n"
        + "load:\n  files:\n");
    for (Path f : files) yaml.append("    - ").append(f).append('\n');
    ServiceAssembly.Parts parts = ServiceAssembly.build(ConfigLoader.fromYaml("t.yaml", yaml.toString()));
    parts.service().start(); // returns once every file is loaded
    try {
      // one multiset: +1 for every line bgpdump prints, -1 for every route served; equal when it ends empty
      HashMap<String, Integer> difference = new HashMap<>();
      long listed = 0;
      for (Path f : files) {
        Process p = new ProcessBuilder(bgpdump.toString(), "-m", f.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.ISO_8859_1))) {
          for (String line; (line = lines.readLine()) != null; listed++) {
            difference.merge(fromBgpdump(line), 1, Integer::sum);
          }
        }
        assertEquals(0, p.waitFor(), "bgpdump on " + f);
      }
      long served = 0;
      int port = parts.service().httpPort();
      for (String root : List.of("0.0.0.0/0", "::/0")) {
        String cursor = null;
        do {
          JsonObject page = get(port, "/api/v1/routes?match=more&limit=10000&rib=adj-in-pre&prefix="
              + URLEncoder.encode(root, StandardCharsets.UTF_8)
              + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
          JsonArray routes = page.getJsonArray("routes");
          for (int i = 0; i < routes.size(); i++, served++) {
            difference.merge(fromApi(routes.getJsonObject(i)), -1, Integer::sum);
          }
          cursor = page.getString("next");
        } while (cursor != null);
      }
      assertTrue(listed > 500_000, "the real files' entries: " + listed);
      assertEquals(listed, served, "entries served");
      difference.values().removeIf(n -> n == 0);
      assertEquals(Map.of(), difference, () -> firstDifferences(difference));
      JsonArray peers = get(port, "/api/v1/peers").getJsonArray("peers");
      assertTrue(peers.stream().map(JsonObject.class::cast).allMatch(p -> "mrt".equals(p.getString("source"))),
          peers::encode);
      // one router per file here: the RIS TABLE_DUMP file by its name, the others by their collector's BGP id
      JsonArray routers = get(port, "/api/v1/routers").getJsonArray("routers");
      assertEquals(FILES.size(), routers.size(), routers::encode);
      assertTrue(routers.stream().map(JsonObject.class::cast).anyMatch(r -> "bview".equals(r.getString("address"))
          && r.getJsonObject("messages").getLong("tableEntries") == 115_521), routers::encode);
    } finally {
      parts.service().close();
    }
  }

  /**
   * {@code TABLE_DUMP(2)|time|B|peer|peerAS|prefix|path|origin|nexthop|lp|med|communities|AG|aggregator|}; the
   * {@code TABLE_DUMP2_AP} lines of ADD-PATH dumps have the path id after the prefix.
   */
  private static String fromBgpdump(String line) throws Exception {
    String[] f = line.split("\\|", -1);
    String pathId = "-";
    if (f[0].endsWith("_AP")) {
      pathId = f[6];
      List<String> rest = new ArrayList<>(List.of(f));
      rest.remove(6);
      f = rest.toArray(new String[0]);
    }
    List<String> communities = new ArrayList<>();
    for (String c : f[11].isEmpty() ? new String[0] : f[11].split(" ")) communities.add(WELL_KNOWN.getOrDefault(c, c));
    return key(address(f[3]), f[4], prefix(f[5]), pathId, f[6], f[7], address(f[8]), f[9], f[10],
        String.join(" ", communities), f[12], f[13]);
  }

  private static String fromApi(JsonObject r) throws Exception {
    JsonObject peer = r.getJsonObject("peer");
    List<String> communities = new ArrayList<>();
    r.getJsonArray("communities").forEach(c -> communities.add((String) c));
    String aggregator = r.getString("aggregator");
    if (aggregator != null) {
      int space = aggregator.indexOf(' ');
      aggregator = aggregator.substring(0, space) + " " + address(aggregator.substring(space + 1));
    }
    Long pathId = r.getLong("pathId");
    // bgpdump's -m conventions for absent values: ORIGIN INCOMPLETE, next hop 255.255.255.255 (INADDR_NONE)
    String origin = r.getString("origin") == null ? "INCOMPLETE" : r.getString("origin");
    String nextHop = r.getString("nextHop") == null ? "255.255.255.255" : r.getString("nextHop");
    return key(address(peer.getString("address")), Long.toString(peer.getLong("asn")), prefix(r.getString("prefix")),
        pathId == null ? "-" : Long.toString(pathId), r.getString("asPath") == null ? "" : r.getString("asPath"),
        origin, address(nextHop), number(r.getLong("localPref")),
        number(r.getLong("med")), String.join(" ", communities), r.getBoolean("atomicAggregate") ? "AG" : "NAG",
        aggregator == null ? "" : aggregator);
  }

  private static String key(String... fields) {
    return String.join("|", fields);
  }

  /** bgpdump's -m format prints absent LOCAL_PREF and MED as 0. */
  private static String number(Long v) {
    return v == null ? "0" : Long.toString(v);
  }

  private static String prefix(String text) throws Exception {
    int slash = text.indexOf('/');
    return address(text.substring(0, slash)) + text.substring(slash);
  }

  /** One text per address: bgpdump and RFC 5952 compress IPv6 zero groups differently. */
  private static String address(String text) throws Exception {
    return text == null || text.isEmpty() ? "" : InetAddress.getByName(text).getHostAddress();
  }

  private static JsonObject get(int port, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  /** Positive counts: listed by bgpdump, not served; negative: served, not listed. */
  private static String firstDifferences(Map<String, Integer> difference) {
    StringBuilder sb = new StringBuilder(difference.size() + " differences, e.g.\n");
    difference.entrySet().stream().limit(20).forEach(e -> sb.append(e.getValue() > 0 ? "bgpdump only " : "served only ")
        .append(Math.abs(e.getValue())).append("x: ").append(e.getKey()).append('\n'));
    return sb.toString();
  }
}
