package io.routemill.app.interop;

import static org.junit.jupiter.api.Assertions.fail;

import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gobgpd (GoBGP 3.10) started by a test, and its CLI: {@code gobgp -p API_PORT …} against its own gRPC port on
 * 127.0.0.1. Config is TOML written to the test's temporary directory; the daemon runs with
 * {@code --pprof-disable} (two instances would both bind localhost:6060) and plain-text logs ({@code -p}).
 */
final class Gobgp implements AutoCloseable {
  static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

  final String name;
  final String address;
  final int apiPort;
  final Daemon daemon;

  private Gobgp(String name, String address, int apiPort, Daemon daemon) {
    this.name = name;
    this.address = address;
    this.apiPort = apiPort;
    this.daemon = daemon;
  }

  /** Writes {@code toml} to {@code dir/NAME.toml}, starts gobgpd with its API on 127.0.0.1:apiPort, waits for the API. */
  /**
   * The config of router B, which injects routes and announces them to router A (AS 65001 at 127.0.0.2) over
   * eBGP as AS 65002 from 127.0.0.3, both families; with {@code addPathSendMax > 0} it sends up to that many
   * paths per prefix (ADD-PATH).
   */
  static String injectorConfig(int port, int peerPort, int addPathSendMax) {
    String addPath = addPathSendMax <= 0 ? "" : """
            [neighbors.afi-safis.add-paths.config]
              send-max = %d
        """.formatted(addPathSendMax);
    return """
        [global.config]
          as = 65002
          router-id = "127.0.0.3"
          port = %d
          local-address-list = ["127.0.0.3"]

        [[neighbors]]
          [neighbors.config]
            neighbor-address = "127.0.0.2"
            peer-as = 65001
          [neighbors.transport.config]
            local-address = "127.0.0.3"
            remote-port = %d
          [neighbors.timers.config]
            connect-retry = 1
            idle-hold-time-after-reset = 1
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv4-unicast"
        %s  [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv6-unicast"
        %s""".formatted(port, peerPort, addPath, addPath);
  }

  static Gobgp start(String name, Path dir, String address, int apiPort, String toml) throws IOException {
    Path config = dir.resolve(name + ".toml");
    Files.writeString(config, toml);
    Daemon d = Daemon.start(name, dir, List.of("gobgpd", "-f", config.toString(), "--api-hosts",
        "127.0.0.1:" + apiPort, "--pprof-disable", "-p", "-l", "info"));
    Gobgp g = new Gobgp(name, address, apiPort, d);
    try {
      Await.until(() -> {
        d.assertAlive();
        return g.cli("global").ok();
      }, Duration.ofSeconds(15), () -> name + " API on 127.0.0.1:" + apiPort + " not answering; log:\n" + d.logTail(2000));
    } catch (RuntimeException | Error e) {
      d.stop(); // the caller never gets the object to stop
      throw e;
    }
    return g;
  }

  @Override
  public void close() {
    daemon.stop();
  }

  Daemon.Result cli(String... args) {
    List<String> cmd = new ArrayList<>(List.of("gobgp", "-p", Integer.toString(apiPort)));
    cmd.addAll(List.of(args));
    return Daemon.run(CLI_TIMEOUT, cmd);
  }

  Daemon.Result cliOk(String... args) {
    return cli(args).assertOk();
  }

  /** A command's {@code -j} output; GoBGP prints {@code null} for an empty table, read as {}. */
  JsonObject json(String... args) {
    List<String> cmd = new ArrayList<>(List.of("gobgp", "-p", Integer.toString(apiPort)));
    cmd.addAll(List.of(args));
    cmd.add("-j");
    return Daemon.runJson(CLI_TIMEOUT, s -> {
      String t = s.strip();
      return t.isEmpty() || t.equals("null") ? new JsonObject() : new JsonObject(t);
    }, cmd);
  }

  /** BGP FSM state of a neighbor as GoBGP's JSON gives it: 1 idle … 6 established. */
  int sessionState(String neighbor) {
    Daemon.Result r = cli("neighbor", neighbor, "-j");
    if (!r.ok()) return 0;
    JsonObject state = new JsonObject(r.stdout()).getJsonObject("state", new JsonObject());
    return state.getInteger("session_state", 0);
  }

  boolean established(String neighbor) {
    return sessionState(neighbor) == 6;
  }

  /** Paths received from a neighbor for AFI 1 (IPv4) or 2 (IPv6), pre-policy. */
  long received(String neighbor, int afi) {
    JsonArray afis = json("neighbor", neighbor).getJsonArray("afi_safis", new JsonArray());
    for (int i = 0; i < afis.size(); i++) {
      JsonObject state = afis.getJsonObject(i).getJsonObject("state");
      if (state.getJsonObject("family").getInteger("afi", 0) == afi) return state.getLong("received", 0L);
    }
    return 0;
  }

  private static final Pattern SUMMARY = Pattern.compile("Destination: (\\d+), Path: (\\d+)");

  /** {destinations, paths} of the global RIB of one family ("ipv4" / "ipv6"). */
  long[] ribSummary(String family) {
    String out = cliOk("global", "rib", "summary", "-a", family).stdout();
    Matcher m = SUMMARY.matcher(out);
    if (!m.find()) fail("unexpected `gobgp global rib summary` output: " + out);
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  // ---- views ----

  /** Pre-policy Adj-RIB-In from {@code neighbor}, both families, with the ADD-PATH path ids of the text output. */
  RouteTable adjIn(String neighbor) {
    RouteTable t = new RouteTable();
    for (String family : new String[] {"ipv4", "ipv6"}) {
      JsonObject json = json("neighbor", neighbor, "adj-in", "-a", family);
      Map<String, List<TextPath>> text = textPaths(cliOk("neighbor", neighbor, "adj-in", "-a", family).stdout());
      for (String prefix : json.fieldNames()) {
        JsonArray paths = json.getJsonArray(prefix);
        List<TextPath> ids = text.getOrDefault(RouteTable.canonicalPrefix(prefix), List.of());
        if (ids.size() != paths.size()) {
          fail(name + " adj-in " + prefix + ": " + paths.size() + " paths in JSON, " + ids.size() + " in the text output");
        }
        for (int i = 0; i < paths.size(); i++) {
          RouteTable.Attrs a = attrs(paths.getJsonObject(i).getJsonArray("attrs"));
          TextPath tp = ids.get(i);
          // the JSON has no path id; the text output lists the same paths in the same order with their ids
          if (!tp.nextHop.equals(a.nextHop()) || !tp.asPath.equals(a.asPath())) {
            fail(name + " adj-in " + prefix + " path " + i + ": JSON " + a + " but text " + tp);
          }
          t.add(prefix, tp.id, a);
        }
      }
    }
    return t;
  }

  /** What this speaker sends {@code neighbor} (Adj-RIB-Out), both families; no ADD-PATH ids. */
  RouteTable adjOut(String neighbor) {
    RouteTable t = new RouteTable();
    for (String family : new String[] {"ipv4", "ipv6"}) {
      JsonObject json = json("neighbor", neighbor, "adj-out", "-a", family);
      for (String prefix : json.fieldNames()) {
        JsonArray paths = json.getJsonArray(prefix);
        for (int i = 0; i < paths.size(); i++) {
          t.add(prefix, RouteTable.NO_ID, attrs(paths.getJsonObject(i).getJsonArray("attrs")));
        }
      }
    }
    return t;
  }

  /** The global RIB (Loc-RIB, attributes after import policy), both families: every path, or the best ones. */
  RouteTable globalRib(boolean bestOnly) {
    RouteTable t = new RouteTable();
    for (String family : new String[] {"ipv4", "ipv6"}) {
      JsonObject json = json("global", "rib", "-a", family);
      for (String prefix : json.fieldNames()) {
        JsonArray paths = json.getJsonArray(prefix);
        for (int i = 0; i < paths.size(); i++) {
          JsonObject p = paths.getJsonObject(i);
          if (bestOnly && !p.getBoolean("best", false)) continue;
          t.add(prefix, RouteTable.NO_ID, attrs(p.getJsonArray("attrs")));
        }
      }
    }
    return t;
  }

  /** GoBGP's JSON path attributes (see NOTES: type 1 origin, 2 AS path, 3/14 next hop, 4 MED, 5 local-pref, 8/32 communities). */
  static RouteTable.Attrs attrs(JsonArray attrs) {
    String origin = null;
    String asPath = null;
    String nextHop = null;
    Long med = null;
    Long localPref = null;
    List<String> communities = new ArrayList<>();
    List<String> large = new ArrayList<>();
    for (int i = 0; i < attrs.size(); i++) {
      JsonObject a = attrs.getJsonObject(i);
      switch (a.getInteger("type")) {
        case 1 -> origin = switch (a.getInteger("value")) {
          case 0 -> "IGP";
          case 1 -> "EGP";
          case 2 -> "INCOMPLETE";
          default -> Integer.toString(a.getInteger("value"));
        };
        case 2 -> asPath = asPath(a.getJsonArray("as_paths", new JsonArray()));
        case 3, 14 -> nextHop = a.getString("nexthop");
        case 4 -> med = a.getLong("metric");
        case 5 -> localPref = a.getLong("value");
        case 8 -> {
          JsonArray c = a.getJsonArray("communities");
          for (int k = 0; k < c.size(); k++) {
            long v = c.getLong(k);
            communities.add((v >>> 16) + ":" + (v & 0xFFFF));
          }
        }
        case 32 -> {
          JsonArray c = a.getJsonArray("value");
          for (int k = 0; k < c.size(); k++) {
            JsonObject l = c.getJsonObject(k);
            large.add(l.getLong("ASN") + ":" + l.getLong("LocalData1") + ":" + l.getLong("LocalData2"));
          }
        }
        default -> { }
      }
    }
    return new RouteTable.Attrs(asPath, origin, nextHop, med, localPref, communities, large);
  }

  /** bgpdump notation, as routemill's API prints paths: sequences space-separated, sets as {a,b}. */
  static String asPath(JsonArray segments) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      JsonObject s = segments.getJsonObject(i);
      JsonArray asns = s.getJsonArray("asns", new JsonArray());
      int type = s.getInteger("segment_type");
      String open = type == 1 ? "{" : type == 3 ? "(" : type == 4 ? "[" : "";
      String sep = type == 1 || type == 4 ? "," : " ";
      String close = type == 1 ? "}" : type == 3 ? ")" : type == 4 ? "]" : "";
      if (sb.length() > 0) sb.append(' ');
      sb.append(open);
      for (int k = 0; k < asns.size(); k++) {
        if (k > 0) sb.append(sep);
        sb.append(asns.getLong(k));
      }
      sb.append(close);
    }
    return sb.toString();
  }

  record TextPath(long id, String nextHop, String asPath) {}

  private static final Pattern AGE = Pattern.compile("\\d+:\\d\\d:\\d\\d|\\d+d");

  /**
   * The text table of {@code gobgp neighbor X adj-in}: "ID Network Next-Hop AS_PATH… Age Attrs", one line per
   * path, the only place the GoBGP 3.10 CLI shows ADD-PATH path ids.
   */
  static Map<String, List<TextPath>> textPaths(String text) {
    Map<String, List<TextPath>> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4 || !f[0].matches("\\d+") || !f[1].contains("/")) continue;
      StringBuilder path = new StringBuilder();
      for (int i = 3; i < f.length && !AGE.matcher(f[i]).matches(); i++) {
        if (path.length() > 0) path.append(' ');
        path.append(f[i]);
      }
      out.computeIfAbsent(RouteTable.canonicalPrefix(f[1]), k -> new ArrayList<>())
          .add(new TextPath(Long.parseLong(f[0]), f[2], path.toString()));
    }
    return out;
  }
}
