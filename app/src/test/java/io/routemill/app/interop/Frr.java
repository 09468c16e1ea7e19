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
import java.util.List;

/**
 * One FRR bgpd (8.4, {@code -M bmp}) started by a test without systemd, watchfrr or zebra, everything private to
 * the test's temporary directory (config, pid file, vty socket, zserv path, logs), and its vtysh. Options (see the
 * interop NOTES): {@code -Z} no zebra, {@code -S} no privilege drop, {@code -l ADDR -p PORT} BGP listener,
 * {@code -P 0} no TCP vty.
 */
final class Frr implements AutoCloseable {
  static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

  final Path dir;
  final Daemon daemon;

  private Frr(Path dir, Daemon daemon) {
    this.dir = dir;
    this.daemon = daemon;
  }

  /** Writes {@code config} to {@code dir/bgpd.conf}, starts bgpd, waits for its vty. */
  static Frr start(Path bgpd, Path dir, String listenAddress, int port, String config) throws IOException {
    Files.createDirectories(dir);
    Path conf = dir.resolve("bgpd.conf");
    Files.writeString(conf, config);
    Daemon d = Daemon.start("bgpd", dir, List.of(bgpd.toString(), "-M", "bmp", "-f", conf.toString(),
        "-i", dir.resolve("bgpd.pid").toString(), "--vty_socket", dir.toString(),
        "-z", dir.resolve("zserv.api").toString(), "-Z", "-S", "-p", Integer.toString(port), "-l", listenAddress,
        "-P", "0", "--log", "file:" + dir.resolve("bgpd.stdout.log")));
    Frr f = new Frr(dir, d);
    try {
      Await.until(() -> {
        d.assertAlive();
        return f.vtysh("show bgp summary json").ok();
      }, Duration.ofSeconds(15), () -> "bgpd vty in " + dir + " not answering; log:\n" + d.logTail(2000));
    } catch (RuntimeException | Error e) {
      d.stop(); // the caller never gets the object to stop
      throw e;
    }
    return f;
  }

  @Override
  public void close() {
    daemon.stop();
  }

  /** vtysh against this bgpd, one {@code -c} per command. */
  Daemon.Result vtysh(String... commands) {
    List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString()));
    for (String c : commands) {
      cmd.add("-c");
      cmd.add(c);
    }
    return Daemon.run(CLI_TIMEOUT, cmd);
  }

  JsonObject json(String command) {
    return Daemon.runJson(CLI_TIMEOUT, s -> s.isBlank() ? new JsonObject() : new JsonObject(s),
        List.of("vtysh", "--vty_socket", dir.toString(), "-c", command));
  }

  /** Configuration commands under {@code router bgp ASN}; fails the test on an error message. */
  void configureBgp(long asn, String... commands) {
    List<String> all = new ArrayList<>(List.of("configure terminal", "router bgp " + asn));
    all.addAll(List.of(commands));
    Daemon.Result r = vtysh(all.toArray(new String[0])).assertOk();
    if (r.stdout().contains("%")) fail("vtysh configuration failed: " + r.describe());
  }

  String bgpState(String neighbor) {
    JsonObject n = json("show bgp neighbors " + neighbor + " json").getJsonObject(neighbor);
    return n == null ? "?" : n.getString("bgpState", "?");
  }

  /** FRR's pre-policy Adj-RIB-In (needs soft-reconfiguration inbound): prefix count of one family. */
  long receivedCount(String family, String neighbor) {
    return json("show bgp " + family + " unicast neighbors " + neighbor + " received-routes json")
        .getLong("totalPrefixCounter", 0L);
  }

  /**
   * {@code show bgp … neighbors X received-routes json}, both families: AS path, origin, next hop, MED and
   * local-pref as received, before policy. This JSON has no communities.
   */
  RouteTable receivedRoutes(String neighbor) {
    RouteTable t = new RouteTable();
    for (String family : new String[] {"ipv4", "ipv6"}) {
      JsonObject routes = json("show bgp " + family + " unicast neighbors " + neighbor + " received-routes json")
          .getJsonObject("receivedRoutes", new JsonObject());
      for (String prefix : routes.fieldNames()) {
        JsonObject r = routes.getJsonObject(prefix);
        String origin = switch (r.getString("bgpOriginCode", "")) {
          case "i" -> "IGP";
          case "e" -> "EGP";
          case "?" -> "INCOMPLETE";
          default -> r.getString("bgpOriginCode");
        };
        String nextHop = r.getString("nextHop", r.getString("nextHopGlobal"));
        t.add(prefix, RouteTable.NO_ID, new RouteTable.Attrs(r.getString("path"), origin, nextHop,
            r.getLong("metric"), r.getLong("locPrf"), List.of(), List.of()));
      }
    }
    return t;
  }

  /** The prefixes of {@code show bgp … neighbors X routes json} (post-policy, accepted routes from X), both families. */
  RouteTable acceptedRoutes(String neighbor) {
    RouteTable t = new RouteTable();
    for (String family : new String[] {"ipv4", "ipv6"}) {
      JsonObject routes = json("show bgp " + family + " unicast neighbors " + neighbor + " routes json")
          .getJsonObject("routes", new JsonObject());
      for (String prefix : routes.fieldNames()) {
        JsonArray paths = routes.getJsonArray(prefix);
        for (int i = 0; i < paths.size(); i++) {
          JsonObject p = paths.getJsonObject(i);
          t.add(prefix, RouteTable.NO_ID, new RouteTable.Attrs(p.getString("path"), origin(p.getString("origin")),
              firstNextHop(p.getJsonArray("nexthops")), p.getLong("metric"), p.getLong("locPrf"), List.of(), List.of()));
        }
      }
    }
    return t;
  }

  /**
   * The paths learned from {@code neighbor} in {@code show bgp … json detail} (the BGP table with every attribute,
   * after inbound policy), both families. 8.4 starts each prefix's array with a header object, skipped here.
   */
  RouteTable detailedRoutesFrom(String neighbor) {
    RouteTable t = new RouteTable();
    for (String family : new String[] {"ipv4", "ipv6"}) {
      JsonObject routes = json("show bgp " + family + " unicast json detail").getJsonObject("routes", new JsonObject());
      for (String prefix : routes.fieldNames()) {
        JsonArray paths = routes.getJsonArray(prefix);
        for (int i = 0; i < paths.size(); i++) {
          JsonObject p = paths.getJsonObject(i);
          if (!p.containsKey("aspath")) continue; // the header object
          JsonObject peer = p.getJsonObject("peer", new JsonObject());
          if (!neighbor.equals(peer.getString("peerId"))) continue;
          t.add(prefix, RouteTable.NO_ID, new RouteTable.Attrs(p.getJsonObject("aspath").getString("string"),
              origin(p.getString("origin")), firstNextHop(p.getJsonArray("nexthops")), p.getLong("metric"),
              p.getLong("locPrf"), strings(p.getJsonObject("community")), strings(p.getJsonObject("largeCommunity"))));
        }
      }
    }
    return t;
  }

  private static String origin(String frr) {
    if (frr == null) return null;
    return switch (frr) {
      case "IGP" -> "IGP";
      case "EGP" -> "EGP";
      case "incomplete" -> "INCOMPLETE";
      default -> frr;
    };
  }

  /** The global next hop (IPv6 routes may also list a link-local one). */
  private static String firstNextHop(JsonArray nexthops) {
    if (nexthops == null) return null;
    for (int i = 0; i < nexthops.size(); i++) {
      JsonObject n = nexthops.getJsonObject(i);
      if (!"link-local".equals(n.getString("scope"))) return n.getString("ip");
    }
    return null;
  }

  private static List<String> strings(JsonObject communities) {
    List<String> out = new ArrayList<>();
    if (communities == null) return out;
    JsonArray list = communities.getJsonArray("list", new JsonArray());
    for (int i = 0; i < list.size(); i++) out.add(numeric(list.getString(i)));
    return out;
  }

  /** FRR's JSON names the well-known communities (RFC 1997, 7999, 8326, 9494, …); routemill prints numbers. */
  static String numeric(String community) {
    String key = community.replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
    return switch (key) {
      case "internet" -> "0:0";
      case "gshut", "gracefulshutdown" -> "65535:0";
      case "acceptown" -> "65535:1";
      case "routefiltertranslatedv", "routefilterv" -> community; // ambiguous without the digit: keep as printed
      case "llgrstale" -> "65535:6";
      case "nollgr" -> "65535:7";
      case "acceptownnexthop" -> "65535:8";
      case "blackhole" -> "65535:666";
      case "noexport" -> "65535:65281";
      case "noadvertise" -> "65535:65282";
      case "localas", "noexportsubconfed" -> "65535:65283";
      case "nopeer" -> "65535:65284";
      default -> community;
    };
  }
}
