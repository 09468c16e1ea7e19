package io.routemill.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.rib.RibView;
import io.routemill.testkit.Await;
import io.routemill.testkit.Daemon;
import io.routemill.testkit.Interop;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GoBGP 3.10 as a BMP sender ({@code route-monitoring-policy = "all"}: pre-policy, post-policy and Loc-RIB) to
 * routemill, which runs in-process with its HTTP API; every view is read back through {@code GET /api/v1/routes}
 * and {@code /api/v1/peers} and compared route by route with GoBGP's own CLI views.
 *
 * <pre>
 *   routemill 127.0.0.1:free  ◄─BMP──  A: gobgpd AS65001 127.0.0.2 (import policy: reject 65002:666, add 65001:1)
 *                                        │ eBGP v4+v6, ADD-PATH (A receives, B sends)
 *                                      B: gobgpd AS65002 127.0.0.3, injects the real RIBs (all paths per prefix)
 * </pre>
 * Recipe and observed GoBGP behaviour: GoBGP's BGP connect loop waits 5–10 s before its first dial; GoBGP sends
 * no Peer Up for its Loc-RIB "peer" (routemill counts that), sends post-policy and Loc-RIB routes without path ids
 * even under ADD-PATH (so routemill's post-policy view can hold one path per prefix: the last one GoBGP
 * reported), and withdraws post-policy and Loc-RIB routes per prefix before a Peer Down.
 */
class GobgpBmpInteropTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static final String A = "127.0.0.2";
  private static final String B = "127.0.0.3";
  private static final int V4_ENTRIES = 300;
  private static final int V6_ENTRIES = 100;

  private Routemill routemill;
  private final List<Gobgp> daemons = new ArrayList<>();
  /** Mismatches that do not stop the scenario (post-policy view); reported at the end. */
  private final List<String> deferred = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    // gobgpd before the collector: its SIGTERM handling blocks when the BMP peer is already gone (see NOTES)
    for (int i = daemons.size() - 1; i >= 0; i--) daemons.get(i).close();
    if (routemill != null) routemill.close();
  }

  @Test
  void preAndPostPolicyAndLocRibEqualGobgpsOwnViews(@TempDir Path dir) throws Exception {
    Interop.require("gobgpd");
    Interop.require("gobgp");
    long t0 = System.nanoTime();
    Path mrt4 = dir.resolve("rib4.mrt");
    Path mrt6 = dir.resolve("rib6.mrt");
    MrtSample.firstEntries(MrtSample.RIB_V4, V4_ENTRIES, mrt4);
    MrtSample.firstEntries(MrtSample.RIB_V6, V6_ENTRIES, mrt6);

    routemill = Routemill.start();
    int bgpA = Daemon.freePort(A);
    int bgpB = Daemon.freePort(B);
    int[] api = Daemon.freePorts("127.0.0.1", 2);
    Gobgp a = Gobgp.start("gobgpd-A", dir, A, api[0], tomlA(bgpA, bgpB, routemill.bmpPort()));
    daemons.add(a);
    Gobgp b = Gobgp.start("gobgpd-B", dir, B, api[1], Gobgp.injectorConfig(bgpB, bgpA, 4));
    daemons.add(b);

    Await.until(() -> a.established(B), T, () -> "A–B session state " + a.sessionState(B) + "\nA log:\n"
        + a.daemon.logTail(1500) + "\nB log:\n" + b.daemon.logTail(1500));
    Await.until(() -> routemill.httpPeers(B).stream().anyMatch(p -> "up".equals(p.getString("state"))), T,
        () -> "routemill peers: " + routemill.get("/api/v1/peers"));
    Routemill.log("gobgp interop", "session up and reported over BMP", t0);

    // ---- load: the real RIBs (every path of each prefix) plus marker routes ----
    b.cliOk("mrt", "inject", "global", "--no-ipv6", mrt4.toString(), Integer.toString(V4_ENTRIES));
    b.cliOk("mrt", "inject", "global", "--no-ipv4", mrt6.toString(), Integer.toString(V6_ENTRIES));
    b.cliOk("global", "rib", "add", "-a", "ipv4", "203.0.113.0/24", "origin", "igp", "nexthop", "198.51.100.1",
        "aspath", "64500 64501", "med", "50", "community", "65002:100", "large-community", "65002:1:1");
    b.cliOk("global", "rib", "add", "-a", "ipv4", "192.0.2.0/24", "origin", "egp", "nexthop", "198.51.100.2",
        "aspath", "64500 64502", "community", "65002:200");
    b.cliOk("global", "rib", "add", "-a", "ipv4", "198.51.100.0/24", "origin", "igp", "nexthop", "198.51.100.1",
        "aspath", "64502", "community", "65002:666"); // rejected by A's import policy
    b.cliOk("global", "rib", "add", "-a", "ipv6", "2001:db8:1::/48", "origin", "igp", "nexthop", "2001:db8::1",
        "aspath", "64500 64503", "community", "65002:106");
    b.cliOk("global", "rib", "add", "-a", "ipv6", "2001:db8:2::/48", "origin", "incomplete", "nexthop",
        "2001:db8::2", "aspath", "64500 64504", "med", "7", "large-community", "65002:2:2");
    long[] b4 = b.ribSummary("ipv4");
    long[] b6 = b.ribSummary("ipv6");
    assertTrue(b4[1] > 3L * V4_ENTRIES, "B should hold several paths per prefix: " + b4[1] + " paths");
    Await.until(() -> a.received(B, 1) == b4[1] && a.received(B, 2) == b6[1], T,
        () -> "A received " + a.received(B, 1) + "/" + a.received(B, 2) + " paths of B's " + b4[1] + "/" + b6[1]);
    Routemill.log("gobgp interop", "A holds B's " + b4[1] + " + " + b6[1] + " paths", t0);

    RouteTable pre = a.adjIn(B);
    RouteTable all = a.globalRib(false);
    RouteTable best = a.globalRib(true);
    // GoBGP's own views, as the notes describe them
    assertTrue(pre.contains("198.51.100.0/24") && !all.contains("198.51.100.0/24"), "A's import policy rejects 198.51.100.0/24");
    assertTrue(all.paths("203.0.113.0/24").get(0).attrs().communities().contains("65001:1"), "A's policy tags 65001:1");
    assertTrue(pre.pathCount() > pre.prefixes().size(), "ADD-PATH: several paths per prefix in A's Adj-RIB-In");
    assertEquals(best.prefixes().size(), best.pathCount(), "one best path per prefix");

    assertViewsEqual("after the load", pre, all, best);
    Routemill.log("gobgp interop", "pre-policy, post-policy and Loc-RIB compared", t0);

    // ---- peers and routers ----
    List<JsonObject> peers = routemill.httpPeers(B);
    JsonObject prePeer = peers.stream().filter(p -> "adj-in-pre".equals(p.getString("rib"))).findFirst().orElse(null);
    assertNotNull(prePeer, () -> "no adj-in-pre entry for " + B + ": " + peers);
    assertEquals("up", prePeer.getString("state"));
    assertEquals(65002L, prePeer.getLong("asn"));
    assertEquals(B, prePeer.getString("bgpId"));
    assertEquals(pre.family(false).prefixes().size(), prePeer.getJsonObject("prefixes").getLong("ipv4"));
    assertEquals(pre.family(true).prefixes().size(), prePeer.getJsonObject("prefixes").getLong("ipv6"));
    assertEquals(b4[1], prePeer.getJsonObject("paths").getLong("ipv4"));
    assertEquals(b6[1], prePeer.getJsonObject("paths").getLong("ipv6"));
    JsonObject router = onlyRouter();
    assertEquals("GoBGP", router.getString("sysName"));
    JsonObject errors = router.getJsonObject("errors");
    // GoBGP's Loc-RIB Route Monitoring comes without a Peer Up for the Loc-RIB instance (RFC 9069 §5 wants one)
    assertTrue(errors.getLong("route-monitoring-without-peer-up", 0L) > 0, () -> "errors: " + errors);
    assertNothingMalformed(errors);

    // ---- withdrawals: only the withdrawn prefixes disappear, from every view ----
    Set<String> withdrawn = Set.of("203.0.113.0/24", "2001:db8:1::/48");
    RouteTable preBefore = routemill.httpTable(B, RibView.ADJ_IN_PRE);
    RouteTable postBefore = routemill.httpTable(B, RibView.ADJ_IN_POST);
    RouteTable locBefore = routemill.httpTable(null, RibView.LOC_RIB);
    b.cliOk("global", "rib", "del", "-a", "ipv4", "203.0.113.0/24");
    b.cliOk("global", "rib", "del", "-a", "ipv6", "2001:db8:1::/48");
    Await.until(() -> {
      RouteTable now = a.adjIn(B);
      return !now.contains("203.0.113.0/24") && !now.contains("2001:db8:1::/48");
    }, T, () -> "A still holds the withdrawn markers");
    assertViewsEqual("after the withdrawals", a.adjIn(B), a.globalRib(false), a.globalRib(true));
    RouteTable.assertSameRoutes("adj-in-pre after the withdrawals vs before minus the withdrawn prefixes",
        preBefore.without(withdrawn), routemill.httpTable(B, RibView.ADJ_IN_PRE));
    RouteTable.assertSameRoutes("adj-in-post after the withdrawals vs before minus the withdrawn prefixes",
        postBefore.without(withdrawn), routemill.httpTable(B, RibView.ADJ_IN_POST));
    RouteTable.assertSameRoutes("loc-rib after the withdrawals vs before minus the withdrawn prefixes",
        locBefore.without(withdrawn), routemill.httpTable(null, RibView.LOC_RIB));
    assertTrue(preBefore.contains("203.0.113.0/24") && locBefore.contains("2001:db8:1::/48"));
    Routemill.log("gobgp interop", "withdrawals mirrored", t0);

    // ---- the peer goes down: its tables are flushed, /peers shows it down ----
    a.cliOk("neighbor", B, "disable");
    Await.until(() -> {
      List<JsonObject> now = routemill.httpPeers(B);
      // the station marks the peer down, then drops its tables: wait for both
      return !now.isEmpty() && now.stream().allMatch(p -> "down".equals(p.getString("state")) && p.getString("rib") == null);
    }, T, () -> "routemill peers for " + B + ": " + routemill.httpPeers(B));
    for (JsonObject p : routemill.httpPeers(B)) {
      assertEquals(0L, p.getJsonObject("paths").getLong("ipv4") + p.getJsonObject("paths").getLong("ipv6"), p::encode);
      assertTrue(p.getString("rib") == null, () -> "a table of the down peer is still listed: " + p + "; router: "
          + onlyRouter().encode());
    }
    assertEquals(0, routemill.httpTable(B, RibView.ADJ_IN_PRE).pathCount());
    assertEquals(0, routemill.httpTable(B, RibView.ADJ_IN_POST).pathCount());
    // GoBGP withdraws its Loc-RIB routes (per prefix) before the Peer Down: the Loc-RIB ends up empty, like A's RIB
    assertEquals(0, a.globalRib(false).pathCount());
    Await.until(() -> routemill.httpTable(null, RibView.LOC_RIB).pathCount() == 0, T,
        () -> "routemill's Loc-RIB still holds " + routemill.httpTable(null, RibView.LOC_RIB));
    assertNothingMalformed(onlyRouter().getJsonObject("errors"));
    Routemill.log("gobgp interop", "peer down flushed", t0);

    assertTrue(deferred.isEmpty(), () -> "STATION BUG (reported to the station's owner): GoBGP sends post-policy Route"
        + " Monitoring without ADD-PATH path ids although the Peer Up's OPENs negotiate ADD-PATH; routemill decodes"
        + " those NLRI with path ids whenever that reading happens to be clean, which turns e.g. 2001::/32 (NLRI"
        + " 20 20 01 00 00) into ::/0 with path id 0x20200100. The post-policy view must hold GoBGP's prefixes:\n"
        + String.join("\n", deferred));
  }

  /**
   * routemill's three views equal A's: pre-policy path by path with ADD-PATH ids; Loc-RIB equal to A's best paths
   * (both must hold: a failure stops the test); post-policy: the same prefixes as A's RIB (the rejected route
   * absent), one path per prefix, each one of the accepted paths GoBGP holds for it, with the attributes after
   * policy. GoBGP's post-policy messages carry no path id (although ADD-PATH is negotiated), so a BMP station cannot
   * tell its paths apart: each replaces the previous one. A post-policy mismatch is recorded in {@link #deferred}
   * and the scenario goes on, so that one station bug does not hide the outcome of the later phases.
   */
  private void assertViewsEqual(String phase, RouteTable pre, RouteTable all, RouteTable best) {
    AtomicReference<String> last = new AtomicReference<>("");
    Await.until(() -> {
      String d = String.join("\n", List.of(
          RouteTable.diff("adj-in-pre (vs gobgp neighbor " + B + " adj-in)", pre,
              routemill.httpTable(B, RibView.ADJ_IN_PRE), 15),
          RouteTable.diff("loc-rib (vs gobgp global rib, best paths)", best,
              routemill.httpTable(null, RibView.LOC_RIB), 15))).strip();
      last.set(d);
      return d.isEmpty();
    }, T, last::get);
    // the same TCP stream carries post-policy between pre-policy and Loc-RIB: it is complete by now, or soon
    AtomicReference<String> post = new AtomicReference<>("");
    try {
      Await.until(() -> {
        RouteTable got = routemill.httpTable(B, RibView.ADJ_IN_POST);
        post.set(RouteTable.diff("adj-in-post (vs gobgp global rib, one of the accepted paths per prefix)",
            postExpectation(all, got), got, 15));
        return post.get().isEmpty();
      }, Duration.ofSeconds(10), post::get);
    } catch (AssertionError e) {
      deferred.add(phase + ": " + post.get());
    }
  }

  /**
   * For each prefix of A's RIB: the path routemill holds if it is one of A's accepted paths for that prefix,
   * else A's first path (so the diff shows the mismatch); no path ids.
   */
  private static RouteTable postExpectation(RouteTable all, RouteTable got) {
    RouteTable expected = new RouteTable();
    for (String prefix : all.prefixes()) {
      List<RouteTable.Path> candidates = all.paths(prefix);
      RouteTable.Path pick = candidates.get(0);
      for (RouteTable.Path p : got.paths(prefix)) {
        if (candidates.contains(p)) pick = p;
      }
      expected.add(prefix, RouteTable.NO_ID, pick.attrs());
    }
    return expected;
  }

  private JsonObject onlyRouter() {
    var routers = routemill.get("/api/v1/routers").getJsonArray("routers");
    assertEquals(1, routers.size(), routers::encode);
    return routers.getJsonObject(0);
  }

  static void assertNothingMalformed(JsonObject errors) {
    for (String kind : List.of("malformed-update", "invalid-bgp-message", "invalid-bmp-message", "framing",
        "unknown-message-type", "treat-as-withdraw", "attribute-discard")) {
      assertFalse(errors.containsKey(kind), () -> "routemill counted " + kind + ": " + errors);
    }
  }



  // ---- configs (the recipe in /tmp/interop/gobgp, with ports chosen at test time) ----

  private static String tomlA(int port, int peerPort, int bmpPort) {
    return """
        [global.config]
          as = 65001
          router-id = "127.0.0.2"
          port = %d
          local-address-list = ["127.0.0.2"]

        # import policy is global in GoBGP
        [global.apply-policy.config]
          import-policy-list = ["import-pol"]
          default-import-policy = "accept-route"

        [[bmp-servers]]
          [bmp-servers.config]
            address = "127.0.0.1"
            port = %d
            route-monitoring-policy = "all"

        [[defined-sets.bgp-defined-sets.community-sets]]
          community-set-name = "drop"
          community-list = ["65002:666"]

        [[policy-definitions]]
          name = "import-pol"
          [[policy-definitions.statements]]
            name = "drop-666"
            [policy-definitions.statements.conditions.bgp-conditions.match-community-set]
              community-set = "drop"
              match-set-options = "any"
            [policy-definitions.statements.actions]
              route-disposition = "reject-route"
          [[policy-definitions.statements]]
            name = "tag-65001-1"
            [policy-definitions.statements.actions]
              route-disposition = "accept-route"
            [policy-definitions.statements.actions.bgp-actions.set-community]
              options = "add"
              [policy-definitions.statements.actions.bgp-actions.set-community.set-community-method]
                communities-list = ["65001:1"]

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
            [neighbors.afi-safis.add-paths.config]
              receive = true
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv6-unicast"
            [neighbors.afi-safis.add-paths.config]
              receive = true
        """.formatted(port, bmpPort, peerPort);
  }
}
