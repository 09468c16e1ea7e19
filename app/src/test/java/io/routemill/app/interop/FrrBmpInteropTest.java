package io.routemill.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.RibView;
import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.routemill.testkit.Interop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FRR 8.4 bgpd ({@code -M bmp}) as a BMP sender monitoring pre-policy and post-policy Adj-RIB-In for IPv4 and IPv6
 * (8.4 has no Loc-RIB monitoring), fed over eBGP by a GoBGP that injects the best paths of the real RIBs. routemill
 * runs in-process; its views, read through the query interface, are compared route by route with FRR's own:
 *
 * <pre>
 *   routemill 127.0.0.1:free  ◄─BMP──  F: FRR bgpd AS65010 127.0.0.10 (route-map IMPORT: deny 65020:666, add 65010:1)
 *                                        │ eBGP v4+v6 (F dials, S passive)
 *                                      S: gobgpd AS65020 127.0.0.20, injects the real RIBs (best path per prefix)
 * </pre>
 *
 * <ul>
 *   <li>pre-policy = FRR's {@code neighbors S received-routes json} (AS path, origin, next hop, MED; that JSON has no
 *       communities, so they come from what S sent: GoBGP's {@code adj-out}, checked against FRR's view first);
 *   <li>post-policy = FRR's {@code show bgp … json detail}, the paths from S (attributes after the route-map).
 * </ul>
 * Known FRR 8.4 deviations: (1) a route its inbound route-map denies is reported as a <i>withdrawal</i> in
 * pre-policy too, so no BMP station can show it there (FRR PR #22588); the comparison leaves that prefix out and
 * checks that FRR itself holds it. (2) FRR prepends its own AS to the AS_PATH of every BMP route (bmp.c reuses the
 * outbound attribute encoder; fixed upstream in FRR PR #21815). The Adj-RIB-In of an eBGP session cannot start
 * with the router's own AS, so routemill should report the path as FRR holds it; <b>this test asserts the
 * FRR-CLI-equal path</b> and fails, naming the problem, while the station reports the prepended one.
 */
class FrrBmpInteropTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static final String F = "127.0.0.10";
  private static final String S = "127.0.0.20";
  private static final long F_AS = 65010;
  private static final int V4_ENTRIES = 300;
  private static final int V6_ENTRIES = 100;
  private static final String DENIED = "198.51.100.0/24";

  private Routemill routemill;
  private Frr frr;
  private Gobgp source;
  /** Mismatches that do not stop the scenario (the AS_PATH prepend); reported at the end. */
  private final List<String> deferred = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    if (frr != null) frr.close();
    if (source != null) source.close();
    if (routemill != null) routemill.close();
  }

  /** The FRR bgpd binary: {@code $ROUTEMILL_FRR_BGPD}, or Debian's {@code /usr/lib/frr/bgpd}. */
  static String bgpdPath() {
    String configured = System.getenv("ROUTEMILL_FRR_BGPD");
    return configured == null || configured.isBlank() ? "/usr/lib/frr/bgpd" : configured;
  }

  @Test
  void prePolicyAndPostPolicyEqualFrrsOwnViews(@TempDir Path dir) throws Exception {
    Path bgpd = Daemon.requireExecutable(bgpdPath());
    Interop.require("vtysh");
    Interop.require("gobgpd");
    Interop.require("gobgp");
    long t0 = System.nanoTime();
    Path mrt4 = dir.resolve("rib4.mrt");
    Path mrt6 = dir.resolve("rib6.mrt");
    MrtSample.firstEntries(MrtSample.RIB_V4, V4_ENTRIES, mrt4);
    MrtSample.firstEntries(MrtSample.RIB_V6, V6_ENTRIES, mrt6);

    routemill = Routemill.start();
    int bgpF = Daemon.freePort(F);
    int bgpS = Daemon.freePort(S);
    int apiS = Daemon.freePort("127.0.0.1");
    source = Gobgp.start("gobgpd-S", dir, S, apiS, tomlS(bgpS, bgpF));
    frr = Frr.start(bgpd, dir.resolve("frr"), F, bgpF, bgpdConf(dir.resolve("frr"), bgpS, routemill.bmpPort()));

    Await.until(() -> "Established".equals(frr.bgpState(S)), T, () -> "F–S session " + frr.bgpState(S)
        + "\nbgpd log:\n" + frr.daemon.logTail(1500) + "\nS log:\n" + source.daemon.logTail(1500));
    Await.until(() -> routemill.peers(S).stream().anyMatch(p -> "up".equals(p.state())), T,
        () -> "routemill peers: " + routemill.query.peers());
    Routemill.log("frr interop", "session up and reported over BMP", t0);

    // ---- load: the best path of each prefix of the real RIBs (all paths would make S re-advertise each better
    // one: churn), plus marker routes ----
    source.cliOk("mrt", "inject", "global", "--only-best", "--no-ipv6", mrt4.toString(), Integer.toString(V4_ENTRIES));
    source.cliOk("mrt", "inject", "global", "--only-best", "--no-ipv4", mrt6.toString(), Integer.toString(V6_ENTRIES));
    source.cliOk("global", "rib", "add", "-a", "ipv4", "203.0.113.0/24", "origin", "igp", "nexthop", "198.51.100.1",
        "aspath", "64500 64501", "med", "50", "community", "65020:100", "large-community", "65020:1:1");
    source.cliOk("global", "rib", "add", "-a", "ipv4", "192.0.2.0/24", "origin", "egp", "nexthop", "198.51.100.2",
        "aspath", "64500 64502", "community", "65020:200");
    source.cliOk("global", "rib", "add", "-a", "ipv4", DENIED, "origin", "igp", "nexthop", "198.51.100.1",
        "aspath", "64502", "community", "65020:666"); // denied by F's route-map IMPORT
    source.cliOk("global", "rib", "add", "-a", "ipv6", "2001:db8:1::/48", "origin", "igp", "nexthop", "2001:db8::1",
        "aspath", "64500 64503", "community", "65020:106");
    source.cliOk("global", "rib", "add", "-a", "ipv6", "2001:db8:2::/48", "origin", "incomplete", "nexthop",
        "2001:db8::2", "aspath", "64500 64504", "med", "7", "large-community", "65020:2:2");
    long s4 = source.ribSummary("ipv4")[0];
    long s6 = source.ribSummary("ipv6")[0];
    Await.until(() -> frr.receivedCount("ipv4", S) == s4 && frr.receivedCount("ipv6", S) == s6, T,
        () -> "F received " + frr.receivedCount("ipv4", S) + "/" + frr.receivedCount("ipv6", S) + " of S's " + s4 + "/" + s6);
    Routemill.log("frr interop", "F holds S's " + s4 + " + " + s6 + " prefixes", t0);

    RouteTable received = frr.receivedRoutes(S);
    RouteTable post = frr.detailedRoutesFrom(S);
    assertTrue(received.contains(DENIED) && !post.contains(DENIED), "F's route-map denies " + DENIED);
    assertTrue(post.paths("203.0.113.0/24").get(0).attrs().communities().contains("65010:1"), "F's route-map adds 65010:1");
    RouteTable.assertSameRoutes("FRR's own views: accepted routes vs json detail (communities aside)", frr.acceptedRoutes(S),
        post.mapAttrs(a -> a.withCommunities(List.of(), List.of())));
    compareViews("after the load", received, post);
    Routemill.log("frr interop", "pre-policy and post-policy compared", t0);

    RouterInfo router = onlyRouter();
    assertTrue(router.sysDescr().startsWith("FRRouting"), router::toString);
    assertNothingMalformed(router.errors());
    PeerInfo prePeer = routemill.peers(S).stream().filter(p -> p.rib() == RibView.ADJ_IN_PRE).findFirst().orElseThrow();
    assertEquals("up", prePeer.state());
    assertEquals(65020L, prePeer.asn());
    assertEquals(S, prePeer.bgpId());

    // ---- withdrawals: only the withdrawn prefixes disappear ----
    Set<String> withdrawn = Set.of("203.0.113.0/24", "2001:db8:1::/48");
    RouteTable preBefore = routemill.table(S, RibView.ADJ_IN_PRE);
    RouteTable postBefore = routemill.table(S, RibView.ADJ_IN_POST);
    assertTrue(preBefore.contains("203.0.113.0/24") && postBefore.contains("2001:db8:1::/48"));
    source.cliOk("global", "rib", "del", "-a", "ipv4", "203.0.113.0/24");
    source.cliOk("global", "rib", "del", "-a", "ipv6", "2001:db8:1::/48");
    Await.until(() -> {
      RouteTable r = frr.receivedRoutes(S);
      return !r.contains("203.0.113.0/24") && !r.contains("2001:db8:1::/48");
    }, T, () -> "F still holds the withdrawn markers");
    compareViews("after the withdrawals", frr.receivedRoutes(S), frr.detailedRoutesFrom(S));
    RouteTable.assertSameRoutes("adj-in-pre after the withdrawals vs before minus the withdrawn prefixes",
        preBefore.without(withdrawn), routemill.table(S, RibView.ADJ_IN_PRE));
    RouteTable.assertSameRoutes("adj-in-post after the withdrawals vs before minus the withdrawn prefixes",
        postBefore.without(withdrawn), routemill.table(S, RibView.ADJ_IN_POST));
    Routemill.log("frr interop", "withdrawals mirrored", t0);

    // ---- admin shutdown on F: Peer Down; the peer's tables are flushed ----
    frr.configureBgp(F_AS, "neighbor " + S + " shutdown");
    Await.until(() -> {
      List<PeerInfo> now = routemill.peers(S);
      return !now.isEmpty() && now.stream().allMatch(p -> "down".equals(p.state()) && p.rib() == null);
    }, T, () -> "routemill peers for " + S + ": " + routemill.peers(S));
    assertEquals(0, routemill.table(S, RibView.ADJ_IN_PRE).pathCount());
    assertEquals(0, routemill.table(S, RibView.ADJ_IN_POST).pathCount());
    assertNothingMalformed(onlyRouter().errors());
    Routemill.log("frr interop", "peer down flushed", t0);

    assertTrue(deferred.isEmpty(), () -> String.join("\n", deferred));
  }

  /**
   * routemill's pre-policy view equals FRR's received-routes (with the communities S sent), minus the route FRR
   * 8.4 reports as withdrawn; its post-policy view equals FRR's table of S's paths.
   */
  private void compareViews(String phase, RouteTable received, RouteTable post) {
    RouteTable sent = source.adjOut(F);
    // the oracle for pre-policy communities: what S sent F, which must be what FRR says it received
    RouteTable.assertSameRoutes("S's adj-out vs F's received-routes (communities aside)", received,
        sent.mapAttrs(a -> a.withCommunities(List.of(), List.of())));
    RouteTable pre = sent.without(Set.of(DENIED));
    awaitView(phase, "adj-in-pre (vs FRR received-routes)", pre,
        () -> routemill.table(S, RibView.ADJ_IN_PRE).without(Set.of(DENIED)));
    awaitView(phase, "adj-in-post (vs FRR show bgp json detail)", post, () -> routemill.table(S, RibView.ADJ_IN_POST));
  }

  /**
   * Waits until routemill's view equals {@code expected}. If it equals {@code expected} with FRR's own AS prepended
   * to every path instead (FRR 8.4's BMP encoding bug, not corrected by the station), that is recorded as a
   * deferred failure and the scenario goes on.
   */
  private void awaitView(String phase, String what, RouteTable expected, Supplier<RouteTable> actual) {
    RouteTable prepended = expected.mapAttrs(a -> a.withAsPath(F_AS + " " + a.asPath()));
    AtomicReference<String> last = new AtomicReference<>("");
    AtomicBoolean asSent = new AtomicBoolean();
    AtomicReference<RouteTable> got = new AtomicReference<>();
    Await.until(() -> {
      got.set(actual.get());
      String d = RouteTable.diff(what, expected, got.get(), 15);
      if (d.isEmpty()) return true;
      String withPrepend = RouteTable.diff(what + " with FRR's local AS prepended", prepended, got.get(), 15);
      asSent.set(withPrepend.isEmpty());
      // show the differences that FRR's prepend does not explain, if every path has it
      last.set(got.get().pathCount() > 0 && got.get().paths(got.get().prefixes().iterator().next()).stream()
          .allMatch(x -> x.attrs().asPath().startsWith(F_AS + " ")) ? withPrepend : d);
      return asSent.get();
    }, T, last::get);
    if (asSent.get()) {
      String example = expected.prefixes().iterator().next();
      deferred.add("STATION FIX NEEDED (" + phase + ", " + what + "): every one of the " + expected.pathCount()
          + " paths carries FRR 8.4's prepended local AS " + F_AS + " (FRR bug, PR #21815); e.g. " + example
          + ": routemill " + got.get().paths(example) + ", FRR " + expected.paths(example)
          + ". The Adj-RIB-In of an eBGP peer cannot start with the router's own AS; the station should remove it"
          + " for FRRouting routers (Initiation sysDescr) when every route of the peer starts with the local AS of"
          + " the Peer Up's sent OPEN.");
    }
  }

  private RouterInfo onlyRouter() {
    List<RouterInfo> routers = routemill.query.routers();
    assertEquals(1, routers.size(), routers::toString);
    return routers.get(0);
  }

  private static void assertNothingMalformed(Map<String, Long> errors) {
    for (String kind : List.of("malformed-update", "invalid-bgp-message", "invalid-bmp-message", "framing",
        "unknown-message-type", "treat-as-withdraw", "attribute-discard", "add-path-mismatch")) {
      assertFalse(errors.containsKey(kind), () -> "routemill counted " + kind + ": " + errors);
    }
  }



  // ---- configs (the recipe in /tmp/interop/frr, with paths and ports chosen at test time) ----

  private static String bgpdConf(Path dir, int peerPort, int bmpPort) {
    return """
        frr defaults traditional
        hostname frr-f
        log file %s informational
        !
        bgp community-list standard DROP seq 5 permit 65020:666
        route-map IMPORT deny 10
         match community DROP
        exit
        route-map IMPORT permit 20
         set community 65010:1 additive
        exit
        ! F only listens: advertising back to S makes S and F churn forever
        route-map DENY-ALL deny 10
        exit
        !
        router bgp 65010
         bgp router-id 127.0.0.10
         no bgp ebgp-requires-policy
         no bgp default ipv4-unicast
         bgp disable-ebgp-connected-route-check
         neighbor 127.0.0.20 remote-as 65020
         neighbor 127.0.0.20 port %d
         neighbor 127.0.0.20 update-source 127.0.0.10
         neighbor 127.0.0.20 timers connect 1
         neighbor 127.0.0.20 advertisement-interval 0
         !
         address-family ipv4 unicast
          neighbor 127.0.0.20 activate
          neighbor 127.0.0.20 soft-reconfiguration inbound
          neighbor 127.0.0.20 route-map IMPORT in
          neighbor 127.0.0.20 route-map DENY-ALL out
         exit-address-family
         !
         address-family ipv6 unicast
          neighbor 127.0.0.20 activate
          neighbor 127.0.0.20 soft-reconfiguration inbound
          neighbor 127.0.0.20 route-map IMPORT in
          neighbor 127.0.0.20 route-map DENY-ALL out
         exit-address-family
         !
         bmp targets collector
          bmp connect 127.0.0.1 port %d min-retry 100 max-retry 1000
          bmp stats interval 1000
          bmp monitor ipv4 unicast pre-policy
          bmp monitor ipv4 unicast post-policy
          bmp monitor ipv6 unicast pre-policy
          bmp monitor ipv6 unicast post-policy
         exit
        exit
        """.formatted(dir.resolve("bgpd-frr.log"), peerPort, bmpPort);
  }

  private static String tomlS(int port, int peerPort) {
    return """
        [global.config]
          as = 65020
          router-id = "127.0.0.20"
          port = %d
          local-address-list = ["127.0.0.20"]

        [[neighbors]]
          [neighbors.config]
            neighbor-address = "127.0.0.10"
            peer-as = 65010
          [neighbors.transport.config]
            local-address = "127.0.0.20"
            remote-port = %d
            passive-mode = true        # FRR dials within ~1 s; GoBGP 3.10 would wait 5-10 s
          [neighbors.timers.config]
            connect-retry = 1
            idle-hold-time-after-reset = 1
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv4-unicast"
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv6-unicast"
        """.formatted(port, peerPort);
  }
}
