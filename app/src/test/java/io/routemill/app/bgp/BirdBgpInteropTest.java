package io.routemill.app.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.speaker.BgpState;
import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.routemill.testkit.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routemill and BIRD 2 on loopback: static IPv4 and IPv6 routes exported over a TCP MD5 protected session (BIRD
 * dials routemill), one withdrawn by reconfiguring BIRD; a BIRD with the wrong password never gets a session and
 * one with the wrong AS gets OPEN Message Error/Bad Peer AS.
 */
class BirdBgpInteropTest {
  static final Duration T = Duration.ofSeconds(30);

  static String conf(String id, long as, int port, int rmPort, String password, List<String> v4, List<String> v6) {
    StringBuilder s = new StringBuilder();
    s.append("log stderr all;\nrouter id ").append(id).append(";\nprotocol device {}\n");
    s.append("protocol static s4 { ipv4;");
    for (String p : v4) s.append(" route ").append(p).append(" blackhole;");
    s.append(" }\nprotocol static s6 { ipv6;");
    for (String p : v6) s.append(" route ").append(p).append(" blackhole;");
    s.append(" }\n");
    s.append("""
        protocol bgp rm {
          local %s port %d as %d;
          neighbor 127.0.0.1 port %d as 65500;
          %s
          multihop;
          connect delay time 1; connect retry time 1; error wait time 1, 2;
          ipv4 { export all; import none; };
          ipv6 { export all; import none; next hop address 2001:db8::13; };
        }
        """.formatted(id, port, as, rmPort, password == null ? "" : "password \"" + password + "\";"));
    return s.toString();
  }

  static Daemon bird(Path dir, String name, String conf) throws Exception {
    Path c = dir.resolve(name + ".conf");
    Files.writeString(c, conf);
    return Daemon.start(name, dir, List.of("bird", "-f", "-c", c.toString(), "-s", dir.resolve(name + ".ctl").toString(),
        "-P", dir.resolve(name + ".pid").toString()));
  }

  @Test
  void staticRoutesMd5WithdrawalWrongPasswordAndWrongAs(@TempDir Path dir) throws Exception {
    Interop.require("bird");
    Interop.require("birdc");
    int rmPort = Daemon.freePort("127.0.0.1");
    List<Daemon> daemons = new ArrayList<>();
    try (Collector rm = new Collector(rmPort, "", """
            - address: 127.0.0.13
              remoteAs: 65013
              description: bird
              password: s3cret
            - address: 127.0.0.14
              remoteAs: 65014
              password: s3cret
            - address: 127.0.0.17
              remoteAs: 65017
        """)) {
      List<String> v4 = new ArrayList<>(List.of("198.51.100.0/24", "203.0.113.0/25", "192.0.2.128/25"));
      List<String> v6 = List.of("2001:db8:13::/48", "2001:db8:1300::/40");
      int port = Daemon.freePort("127.0.0.13");
      Daemon good = bird(dir, "bird", conf("127.0.0.13", 65013, port, rmPort, "s3cret", v4, v6));
      daemons.add(good);
      daemons.add(bird(dir, "bird-wrong-password", conf("127.0.0.14", 65014, Daemon.freePort("127.0.0.14"), rmPort,
          "wrong", v4, v6)));
      daemons.add(bird(dir, "bird-wrong-as", conf("127.0.0.17", 65099, Daemon.freePort("127.0.0.17"), rmPort,
          null, v4, v6)));
      Await.until(() -> state(rm, "127.0.0.13") == BgpState.ESTABLISHED, T,
          () -> state(rm, "127.0.0.13") + " " + err(rm, "127.0.0.13") + "\n" + good.logTail(2000));
      Await.until(() -> rm.routes("127.0.0.13").paths.size() == 5, T, () -> rm.routes("127.0.0.13").paths.toString());
      Collector.Routes r = rm.routes("127.0.0.13");
      assertEquals(List.of("65013 | 127.0.0.13"), r.paths.get("198.51.100.0/24"));
      assertEquals(List.of("65013 | 2001:db8::13"), r.paths.get("2001:db8:13::/48"));
      assertEquals(new java.util.TreeSet<>(List.of("198.51.100.0/24", "203.0.113.0/25", "192.0.2.128/25",
          "2001:db8:13::/48", "2001:db8:1300::/40")), r.paths.navigableKeySet());
      assertTrue(rm.peerJson("127.0.0.13").getJsonArray("capabilities").encode().contains("ipv6-unicast"));

      // withdraw one route: BIRD is reconfigured without it
      v4.remove("203.0.113.0/25");
      Files.writeString(dir.resolve("bird.conf"), conf("127.0.0.13", 65013, port, rmPort, "s3cret", v4, v6));
      Daemon.run(T, "birdc", "-s", dir.resolve("bird.ctl").toString(), "configure").assertOk();
      Await.until(() -> !rm.routes("127.0.0.13").paths.containsKey("203.0.113.0/25"), T, () -> "not withdrawn");
      assertEquals(4, rm.routes("127.0.0.13").paths.size());
      assertEquals(BgpState.ESTABLISHED, state(rm, "127.0.0.13"), "reconfiguration kept the session");

      // wrong AS: refused with Bad Peer AS (BIRD retries; the error stays)
      Await.until(() -> err(rm, "127.0.0.17") != null && err(rm, "127.0.0.17").contains("2/2"), T,
          () -> "no Bad Peer AS: " + err(rm, "127.0.0.17"));
      // wrong password: after several of BIRD's 1-second retries, still no connection reached routemill
      Await.until(() -> Daemon.run(T, "birdc", "-s", dir.resolve("bird-wrong-password.ctl").toString(), "show",
          "protocols", "rm").stdout().contains("Connect") || false, T, () -> "BIRD not trying");
      long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      Await.until(() -> System.nanoTime() > until || state(rm, "127.0.0.14") != BgpState.ACTIVE, T, () -> "");
      assertEquals(BgpState.ACTIVE, state(rm, "127.0.0.14"));
      assertNotEquals(null, rm.peerJson("127.0.0.14"));
      assertEquals(0, rm.paths("127.0.0.14"));
      assertEquals(0, rm.paths("127.0.0.17"));
    } finally {
      for (Daemon d : daemons) d.stop();
    }
  }

  static BgpState state(Collector rm, String n) {
    try {
      return rm.state(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String err(Collector rm, String n) {
    try {
      return rm.lastError(n);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
