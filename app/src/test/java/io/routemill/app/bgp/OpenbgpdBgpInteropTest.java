package io.routemill.app.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.routemill.collector.speaker.BgpState;
import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.routemill.testkit.Interop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routemill and OpenBGPD (bgpd 7.7) on loopback: routemill dials the passive bgpd; configured IPv4 and IPv6
 * networks arrive, a network added with bgpctl arrives and is withdrawn again.
 */
class OpenbgpdBgpInteropTest {
  static final Duration T = Duration.ofSeconds(40);
  static final String O = "127.0.0.15";

  @Test
  void networksAddAndWithdraw(@TempDir Path dir) throws Exception {
    Interop.require("bgpd");
    Interop.require("bgpctl");
    // bgpd chroots into its user's home, /run/openbgpd, which systemd creates (RuntimeDirectory=); without systemd
    // (containers, CI) it is missing and bgpd dies with "chroot: No such file or directory"
    Path chroot = Path.of("/run/openbgpd");
    if (!Files.isDirectory(chroot)) {
      try {
        Files.createDirectories(chroot);
      } catch (java.io.IOException e) {
        org.junit.jupiter.api.Assumptions.abort("bgpd needs " + chroot + " and it cannot be created: " + e);
      }
    }
    int rmPort = Daemon.freePort("127.0.0.1");
    int port = Daemon.freePort(O);
    Path sock = dir.resolve("bgpd.sock");
    Path conf = dir.resolve("bgpd.conf");
    Files.writeString(conf, """
        AS 65015
        router-id 127.0.0.15
        listen on 127.0.0.15 port %d
        fib-update no
        socket "%s"
        network 198.51.100.0/24
        network 192.0.2.0/25
        network 2001:db8:15::/48
        neighbor 127.0.0.1 {
          remote-as 65500
          local-address 127.0.0.15
          local-address ::1
          passive
          announce IPv4 unicast
          announce IPv6 unicast
          multihop 2
        }
        deny from any
        allow to any
        """.formatted(port, sock));
    Daemon bgpd = null;
    try (Collector rm = new Collector(rmPort, "", """
            - address: %s
              remoteAs: 65015
              description: openbgpd
              connect: true
              port: %d
        """.formatted(O, port))) {
      bgpd = Daemon.start("bgpd", dir, List.of("bgpd", "-d", "-v", "-f", conf.toString()));
      Daemon d = bgpd;
      Await.until(() -> state(rm) == BgpState.ESTABLISHED, T, () -> state(rm) + " " + err(rm) + "\n" + d.logTail(3000));
      Await.until(() -> rm.routes(O).paths.size() == 3, T, () -> rm.routes(O).paths + "\n" + d.logTail(2000));
      Collector.Routes r = rm.routes(O);
      assertEquals(new TreeSet<>(List.of("198.51.100.0/24", "192.0.2.0/25", "2001:db8:15::/48")), r.paths.navigableKeySet());
      assertEquals(List.of("65015 | 127.0.0.15"), r.paths.get("198.51.100.0/24"));
      String ctl = sock.toString();
      Daemon.run(T, "bgpctl", "-s", ctl, "network", "add", "203.0.113.0/24").assertOk();
      Await.until(() -> rm.routes(O).paths.containsKey("203.0.113.0/24"), T, () -> rm.routes(O).paths.toString());
      Daemon.run(T, "bgpctl", "-s", ctl, "network", "delete", "203.0.113.0/24").assertOk();
      Await.until(() -> !rm.routes(O).paths.containsKey("203.0.113.0/24"), T, () -> rm.routes(O).paths.toString());
      assertEquals(3, rm.routes(O).paths.size());
    } finally {
      if (bgpd != null) bgpd.stop();
    }
  }

  static BgpState state(Collector rm) {
    try {
      return rm.state(O);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String err(Collector rm) {
    try {
      return rm.lastError(O);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
