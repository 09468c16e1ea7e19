package io.routemill.app.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.routemill.collector.speaker.BgpState;
import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.routemill.testkit.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routemill and ExaBGP 4.2 on loopback: ExaBGP dials routemill with ADD-PATH and sends three paths for one
 * prefix (all kept), an IPv6 route, and a route carrying a MED of the wrong length (crafted with a generic
 * attribute), which RFC 7606 §7.4 says to treat as withdrawn without resetting the session.
 */
class ExabgpBgpInteropTest {
  static final Duration T = Duration.ofSeconds(40);
  static final String E = "127.0.0.16";

  @Test
  void addPathIpv6AndTreatAsWithdraw(@TempDir Path dir) throws Exception {
    Interop.require("exabgp");
    int rmPort = Daemon.freePort("127.0.0.1");
    Path conf = dir.resolve("exabgp.conf");
    Files.writeString(conf, """
        neighbor 127.0.0.1 {
          router-id 127.0.0.16;
          local-address 127.0.0.16;
          local-as 65016;
          peer-as 65500;
          family {
            ipv4 unicast;
            ipv6 unicast;
          }
          capability {
            add-path send;
          }
          static {
            route 198.51.100.0/24 next-hop 192.0.2.1 path-information 1;
            route 198.51.100.0/24 next-hop 192.0.2.2 path-information 2 as-path [ 65016 64500 ];
            route 198.51.100.0/24 next-hop 192.0.2.3 path-information 3 as-path [ 65016 64501 64502 ];
            route 2001:db8:16::/48 next-hop 2001:db8::16 path-information 1;
            route 203.0.113.0/24 next-hop 192.0.2.1 path-information 1 attribute [ 0x04 0x80 0x0001 ];
          }
        }
        """);
    Daemon exa = null;
    try (Collector rm = new Collector(rmPort, "", """
            - address: %s
              remoteAs: 65016
              description: exabgp
        """.formatted(E))) {
      exa = Daemon.start("exabgp", dir, Map.of("exabgp_tcp_port", Integer.toString(rmPort), "exabgp_tcp_bind", "",
          "exabgp_daemon_user", "root", "exabgp_daemon_drop", "false", "exabgp_log_destination", "stdout",
          "exabgp_tcp_connections", "0", "exabgp_api_cli", "false"), List.of("exabgp", conf.toString()));
      Daemon d = exa;
      Await.until(() -> state(rm) == BgpState.ESTABLISHED, T, () -> state(rm) + " " + err(rm) + "\n" + d.logTail(3000));
      Await.until(() -> rm.routes(E).pathCount() == 4, T, () -> rm.routes(E).paths + "\n" + d.logTail(2000));
      Collector.Routes r = rm.routes(E);
      assertEquals(new TreeSet<>(List.of(1L, 2L, 3L)), r.ids.get("198.51.100.0/24"), "three ADD-PATH paths kept");
      assertEquals(List.of("65016 64500 | 192.0.2.2", "65016 64501 64502 | 192.0.2.3", "65016 | 192.0.2.1"),
          r.paths.get("198.51.100.0/24"));
      assertEquals(List.of("65016 | 2001:db8::16"), r.paths.get("2001:db8:16::/48"));
      assertFalse(r.paths.containsKey("203.0.113.0/24"), "MED of 2 bytes: treated as withdrawn");
      assertEquals(BgpState.ESTABLISHED, state(rm), "and the session stays up");
      String caps = rm.peerJson(E).getJsonArray("capabilities").encode();
      assertEquals(true, caps.contains("add-path-receive ipv4-unicast"), caps);
    } finally {
      if (exa != null) exa.stop();
    }
  }

  static BgpState state(Collector rm) {
    try {
      return rm.state(E);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String err(Collector rm) {
    try {
      return rm.lastError(E);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
