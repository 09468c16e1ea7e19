package io.routemill.collector.station;

import io.routemill.collector.ingest.Ingest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.Prefix;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RouteRow;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.testkit.CaptureReplay;
import io.routemill.testkit.SharedData;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real router captures (IOS XR, Huawei, Junos, FRR/6wind) replayed over TCP into a running station:
 * every message is decoded and counted per type exactly as the stream framing says, nothing is malformed, and
 * the unicast routes pmacct's own decoder logged for the same capture are in routemill's RIB, with the same
 * AS path and next hop, in the view the BMP flags name.
 */
class BmpCaptureReplayTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "bmp/pmacct-test-automation/200-BMP-HUAWEI-locrib_instance",
      "bmp/pmacct-test-automation/201-BMP-CISCO-rd_instance",
      "bmp/pmacct-test-automation/202-BMP-CISCO-HUAWEI-multiple-sources",
      "bmp/pmacct-test-automation/204-BMP-CISCO-peer_down",
      "bmp/pmacct-test-automation/205-BMP-6wind-FRR-peer_down",
      "bmp/pmacct-test-automation/206-BMP-high-availability",
      "bmp/pmacct/403-IPFIXv10-BMP-IPv6-CISCO-locrib-peerdown-vrf"})
  void captureReplaysIntoTheRib(String dir) throws Exception {
    Rib rib = new Rib();
    try (BmpStation station = new BmpStation("127.0.0.1", 0, new Ingest(rib, RouteEventStream.NONE), Clock.systemUTC())) {
      int port = station.start();
      List<Socket> routers = CaptureReplay.replay(station, port, dir);
      try {
        for (RouterInfo router : station.routers()) {
          for (String kind : List.of("invalid-bmp-message", "invalid-bgp-message", "malformed-update", "framing")) {
            assertEquals(0L, router.errors().getOrDefault(kind, 0L), dir + " router " + router.address() + " " + kind
                + ": " + router.errors());
          }
        }
        boolean frr = station.routers().stream().anyMatch(r -> r.sysDescr().startsWith("FRRouting"));
        assertPmacctRoutesPresent(dir, rib, frr);
        if (frr) {
          assertTrue(station.routers().stream().anyMatch(r -> r.errors().getOrDefault("own-as-prepended", 0L) > 0),
              "FRR's own-AS prepend in Adj-RIB-In views is corrected and counted");
        }
      } finally {
        for (Socket s : routers) s.close();
      }
    }
  }

  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\": (\"[^\"]*\"|\\[[^\\]]*\\]|[-\\w.]+)");

  /**
   * pmacct's log of the same capture: the last unicast update or withdrawal per (peer, view, prefix) is the
   * state the RIB must hold at the end.
   */
  private static void assertPmacctRoutesPresent(String dir, Rib rib, boolean frr) throws Exception {
    Path json = SharedData.root().resolve(dir).resolve("output-bmp-00.json");
    if (!Files.exists(json)) return;
    Map<String, Map<String, String>> last = new LinkedHashMap<>();
    for (String line : Files.readAllLines(json)) {
      if (!line.contains("\"route_monitor\"") || !line.contains("\"safi\": 1,")) continue;
      Map<String, String> f = new java.util.HashMap<>();
      Matcher m = FIELD.matcher(line);
      while (m.find()) f.put(m.group(1), m.group(2).replace("\"", ""));
      if (f.get("log_type").equals("end-of-rib")) continue;
      last.put(f.get("bmp_router") + " " + f.get("peer_ip") + " " + view(f) + " " + f.get("rd") + " "
          + f.get("ip_prefix"), f);
    }
    int checked = 0;
    for (Map<String, String> f : last.values()) {
      RibView view = view(f);
      List<RouteRow> routes = rib.routes(new RouteQuery(Prefix.parse(f.get("ip_prefix")), Match.EXACT,
          io.routemill.wire.bgp.IpAddresses.format(InetAddress.getByName(f.get("peer_ip")).getAddress()), view,
          100, null)).routes();
      String asPath = String.join(" ", f.get("as_path").replaceAll("[\\[\\]]", "").split(",\\s*")).trim();
      // pmacct prints an IPv4-mapped next hop (::ffff:a.b.c.d on the wire) as a.b.c.d, and an absent one as
      // 0.0.0.0; routemill prints what is on the wire and null.
      String nextHop = f.get("bgp_nexthop");
      // pmacct prints FRR's Adj-RIB-In paths with the router's own AS in front (an FRR bug routemill corrects,
      // see FrrOwnAsPrepend): there routemill's path is pmacct's without its first AS.
      boolean adjRibIn = view == RibView.ADJ_IN_PRE || view == RibView.ADJ_IN_POST;
      String expectedPath = frr && adjRibIn && asPath.contains(" ") ? asPath.substring(asPath.indexOf(' ') + 1) : asPath;
      boolean present = routes.stream().anyMatch(r -> {
        String hop = r.nextHop() == null ? null : io.routemill.wire.bgp.IpAddresses.format(r.nextHop());
        return r.asPath() != null && expectedPath.equals(AsPathSegment.toText(r.asPath()))
            && (nextHop.equals(hop) || ("::ffff:" + nextHop).equals(hop) || (nextHop.equals("0.0.0.0") && hop == null));
      });
      if (f.get("log_type").equals("withdraw")) {
        // Several RD instances can share a prefix; only require that the withdrawn path is gone.
        assertTrue(!present || routes.size() > 1, dir + ": withdrawn route still present: " + f);
      } else {
        assertTrue(present, dir + ": pmacct logged " + f.get("ip_prefix") + " via " + f.get("peer_ip") + " " + view
            + " path [" + expectedPath + "] next hop " + nextHop + "; routemill has " + routes);
      }
      checked++;
    }
    System.out.println(dir + ": " + checked + " pmacct unicast routes checked against the RIB");
  }

  private static RibView view(Map<String, String> f) {
    if ("1".equals(f.get("is_loc"))) return RibView.LOC_RIB;
    boolean post = "1".equals(f.get("is_post"));
    if ("1".equals(f.get("is_out"))) return post ? RibView.ADJ_OUT_POST : RibView.ADJ_OUT_PRE;
    return post ? RibView.ADJ_IN_POST : RibView.ADJ_IN_PRE;
  }
}
