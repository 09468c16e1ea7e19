package io.routemill.collector.station;

import io.routemill.wire.bmp.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.testkit.SharedData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Routes decoded from the captures compared with pmacct's expected output beside them ({@code output-bmp-00.json},
 * one JSON object per line). The entry is found by its {@code seq}; the Route Monitoring message by the per-peer
 * header timestamp pmacct prints as {@code timestamp} and the prefix. Compared: prefix, the per-peer RD where
 * pmacct took it from BMP, next hop, AS path, communities and large communities.
 */
class PmacctOracleTest {
  private static final Pattern STRING = Pattern.compile("\"%s\": (null|\"([^\"]*)\"|\\[([^]]*)])");

  @ParameterizedTest
  @CsvSource({
      // Cisco IOS XR 7.4.1, RD-instance peer (type 1), pre-policy Adj-RIB-In, IPv6 unicast in MP_REACH
      "pmacct-test-automation/201-BMP-CISCO-rd_instance, 164",
      // Huawei VRP 8.210, filtered Loc-RIB (type 3, F flag), IPv6 unicast, 4-octet ASNs in the path
      "pmacct-test-automation/200-BMP-HUAWEI-locrib_instance, 34",
      // Cisco IOS XR 24.4.1 over IPv6 transport, Loc-RIB of a VRF, large communities
      "pmacct/403-IPFIXv10-BMP-IPv6-CISCO-locrib-peerdown-vrf, 360",
      // FRR 8.0.1 post-policy IPv4 unicast without NEXT_HOP (pmacct prints 0.0.0.0)
      "pmacct-test-automation/205-BMP-6wind-FRR-peer_down, 112",
  })
  void routeMatchesPmacct(String dir, int seq) throws Exception {
    String line = null;
    for (String l : Files.readAllLines(SharedData.file("bmp/" + dir + "/output-bmp-00.json"))) {
      if (l.contains("\"seq\": " + seq + ",") && l.contains("\"route_monitor\"")) line = l;
    }
    assertNotNull(line, "seq " + seq);
    Prefix prefix = Prefix.parse(field(line, "ip_prefix"));
    String timestamp = field(line, "timestamp");

    RouteMonitoring found = null;
    for (BmpRealCapturesTest.Received r
        : BmpRealCapturesTest.replay(SharedData.file("bmp/" + dir + "/traffic-00.pcap"), new HashMap<>())) {
      if (r.message() instanceof RouteMonitoring rm && (rm.peer().timestampSeconds() + "."
          + String.format("%06d", rm.peer().timestampMicros())).equals(timestamp) && announces(rm, prefix)) {
        found = rm;
      }
    }
    assertNotNull(found, prefix + " at " + timestamp);
    PathAttributes a = ((Update) found.update()).attributes();
    if ("bmp".equals(field(line, "rd_origin"))) assertEquals(rd(field(line, "rd")), found.peer().distinguisher());
    assertEquals(field(line, "bgp_nexthop"), nextHop(a));
    assertEquals(field(line, "as_path"), asPath(a));
    assertEquals(field(line, "comms"), communities(a));
    assertEquals(field(line, "lcomms"), largeCommunities(a));
  }

  private static boolean announces(RouteMonitoring rm, Prefix p) {
    Update u = (Update) rm.update();
    List<Route> routes = new ArrayList<>(u.announced());
    if (u.attributes().mpReach() != null) routes.addAll(u.attributes().mpReach().routes());
    return routes.stream().anyMatch(r -> r.prefix().equals(p));
  }

  /** A string field, or an array of strings joined with single spaces. */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile(String.format(STRING.pattern(), name)).matcher(json);
    if (!m.find()) throw new AssertionError("no field " + name);
    if (m.group(2) != null) return m.group(2);
    if (m.group(3) != null) return m.group(3).replace("\"", "").replace(", ", " ");
    return "null";
  }

  /** pmacct's RD text: "type:admin:assigned". */
  private static long rd(String text) {
    String[] p = text.split(":");
    long type = Long.parseLong(p[0]);
    long admin = Long.parseLong(p[1]);
    long assigned = Long.parseLong(p[2]);
    return type == 0 ? (admin << 32) | assigned : (type << 48) | (admin << 16) | assigned;
  }

  private static String nextHop(PathAttributes a) {
    if (a.mpReach() != null) return IpAddresses.format(a.mpReach().globalNextHop());
    return a.nextHop() == null ? "0.0.0.0" : IpAddresses.format(a.nextHop().address());
  }

  private static String asPath(PathAttributes a) {
    StringBuilder sb = new StringBuilder();
    for (AsPathSegment s : a.effectiveAsPath()) {
      for (long asn : s.asns()) sb.append(sb.length() == 0 ? "" : " ").append(asn);
    }
    return sb.toString();
  }

  private static String communities(PathAttributes a) {
    StringBuilder sb = new StringBuilder();
    if (a.communities() != null) {
      // pmacct prints communities sorted
      int[] sorted = a.communities().values().clone();
      for (int i = 0; i < sorted.length; i++) sorted[i] ^= Integer.MIN_VALUE;
      java.util.Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; i++) sorted[i] ^= Integer.MIN_VALUE;
      for (int c : sorted) sb.append(sb.length() == 0 ? "" : " ").append(c >>> 16).append(':').append(c & 0xFFFF);
    }
    return sb.toString();
  }

  private static String largeCommunities(PathAttributes a) {
    StringBuilder sb = new StringBuilder();
    if (a.largeCommunities() != null) {
      int[] v = a.largeCommunities().values();
      for (int i = 0; i < v.length; i += 3) {
        sb.append(sb.length() == 0 ? "" : " ").append(Integer.toUnsignedString(v[i])).append(':')
            .append(Integer.toUnsignedString(v[i + 1])).append(':').append(Integer.toUnsignedString(v[i + 2]));
      }
    }
    return sb.toString();
  }
}
