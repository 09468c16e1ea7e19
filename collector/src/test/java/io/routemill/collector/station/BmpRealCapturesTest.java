package io.routemill.collector.station;

import io.routemill.wire.bmp.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.testkit.Interop;
import io.routemill.testkit.Pcap;
import io.routemill.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every BMP capture under shared/data/bmp (read in place): TCP streams to port 1790 reassembled, framed by
 * {@link BmpFrameDecoder} in uneven chunks, decoded with contexts from the Peer Ups seen so far from the same
 * router ({@link PeerUpTable}), re-encoded byte for byte, and counted per message type against tshark. The four
 * files of pmacct's 208 test are one capture split by message type: they are replayed in the order init, peer-up,
 * route-monitoring, stats with one table per router address, so the ADD-PATH Route Monitoring finds its Peer Ups.
 */
class BmpRealCapturesTest {
  static final String MEM_LEAK = "bmp/pmacct/208-BMP-mem-leak-test/bmp-multi-sources-";
  private static final String FRR = "203.0.113.58";

  /** One decoded message with the router (TCP source address) that sent it. */
  record Received(String router, BmpMessage message, byte[] frame) {}

  /** Replays the streams of {@code file} towards port 1790, one {@link PeerUpTable} per router in {@code tables}. */
  static List<Received> replay(Path file, Map<String, PeerUpTable> tables) throws IOException {
    List<Received> out = new ArrayList<>();
    for (Pcap.TcpStream s : Pcap.tcpStreams(file)) {
      if (s.destinationPort() != 1790) continue;
      PeerUpTable table = tables.computeIfAbsent(s.source(), k -> new PeerUpTable());
      for (BmpReplay.Decoded d : BmpReplay.replay(s.data(), table, 1500)) {
        out.add(new Received(s.source(), d.message(), d.frame()));
      }
    }
    return out;
  }

  static List<Path> captures() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : SharedData.files("bmp", ".json")) {
      if (!p.toString().contains("208-BMP-mem-leak-test")) files.add(p);
    }
    for (String part : List.of("init", "peer-up", "route-monitoring", "stats")) {
      files.add(SharedData.file(MEM_LEAK + part + ".pcap"));
    }
    return files;
  }

  @Test
  void everyBmpCaptureDecodesAsTsharkCounts() throws Exception {
    Interop.require("tshark");
    Map<String, PeerUpTable> tables = new HashMap<>();
    Map<String, Integer> problems = new TreeMap<>();
    int files = 0;
    int flipped = 0;
    for (Path file : captures()) {
      if (!file.toString().contains("208-BMP-mem-leak-test")) tables.clear();
      String name = file.getParent().getFileName().toString().substring(0, 3);
      Map<Integer, Integer> types = new TreeMap<>();
      for (Received r : replay(file, tables)) {
        BmpMessage m = r.message();
        String where = file + " from " + r.router() + ": " + m;
        types.merge(m.type(), 1, Integer::sum);
        assertFalse(m instanceof InvalidBmpMessage || m instanceof UnknownBmpMessage, where);
        assertArrayEquals(r.frame(), BmpMessageEncoder.toBytes(m), where);
        if (m instanceof RouteMonitoring rm) {
          assertTrue(rm.update() instanceof Update, where);
          Update u = (Update) rm.update();
          if (rm.addPathFlipped()) flipped++;
          if (u.action() != Rfc7606Action.NONE) {
            String reason = u.warnings().get(0).reason().replaceAll("[0-9]+", "N");
            problems.merge(name + " " + r.router() + " " + reason, 1, Integer::sum);
          }
        }
      }
      assertEquals(tsharkTypes(file), types, file.toString());
      files++;
    }
    assertEquals(13, files);
    // With the Peer Ups in hand, no message needed the ADD-PATH fallback.
    assertEquals(0, flipped);
    // The only UPDATEs with problems come from the 6WIND/FRR 8.0.1 router (205, and 206 and 208 replay its
    // traffic). Its BMP code (a) sends IPv4 unicast routes with ORIGIN and AS_PATH but no NEXT_HOP (pmacct prints
    // next hop 0.0.0.0 for them): RFC 7606 §7.3 treat-as-withdraw; (b) encodes the AS_PATH of VPN routes imported
    // from another VRF (per-peer address 0.0.0.0, Loc-RIB) with 2-octet ASNs without setting the A flag
    // ("02 01 fde8" = AS_SEQUENCE [65000]); read as 4-octet the segment overruns (pmacct prints an empty path).
    assertEquals(Map.of(
        "205 " + FRR + " missing well-known NEXT_HOP", 140,
        "205 " + FRR + " AS_PATH segment of N ASes overruns the attribute", 2,
        "206 " + FRR + " missing well-known NEXT_HOP", 140,
        "206 " + FRR + " AS_PATH segment of N ASes overruns the attribute", 2,
        "208 " + FRR + " missing well-known NEXT_HOP", 187,
        "208 " + FRR + " AS_PATH segment of N ASes overruns the attribute", 3), problems);
  }

  /**
   * 208's Huawei router (203.0.113.23) advertises ADD-PATH in the OPEN of its filtered Loc-RIB Peer Ups (RFC 9069):
   * with them, its two IPv6 unicast Route Monitoring messages read as one prefix each with path id 0. Without the
   * Peer Ups the same bytes are also "clean" — path id 0 reads as four ::/0 prefixes — so no fallback can catch the
   * mistake: this is why the Peer Up state must be kept per router.
   */
  @Test
  void addPathComesFromPeerUp() throws Exception {
    Map<String, PeerUpTable> tables = new HashMap<>();
    replay(SharedData.file(MEM_LEAK + "init.pcap"), tables);
    replay(SharedData.file(MEM_LEAK + "peer-up.pcap"), tables);
    List<String> withPeerUp = new ArrayList<>();
    for (Received r : replay(SharedData.file(MEM_LEAK + "route-monitoring.pcap"), tables)) {
      if (r.message() instanceof RouteMonitoring rm && hasPathIds((Update) rm.update())) {
        assertEquals("203.0.113.23", r.router());
        assertTrue(rm.peer().isLocRib() && rm.peer().isFiltered(), rm.toString());
        assertFalse(rm.addPathFlipped());
        withPeerUp.add(routes((Update) rm.update()));
      }
    }
    assertEquals(List.of("[2001:db8::15/128 id 0]", "[2001:db8::23/128 id 0]"), withPeerUp.stream().sorted().toList());

    List<String> without = new ArrayList<>();
    for (Received r : replay(SharedData.file(MEM_LEAK + "route-monitoring.pcap"), new HashMap<>())) {
      if (r.message() instanceof RouteMonitoring rm && r.router().equals("203.0.113.23") && rm.peer().isLocRib()
          && ((Update) rm.update()).attributes().mpReach() != null
          && ((Update) rm.update()).attributes().mpReach().family().equals(AfiSafi.IPV6_UNICAST)) {
        assertFalse(rm.addPathFlipped());
        without.add(routes((Update) rm.update()));
      }
    }
    assertEquals(List.of("[::/0, ::/0, ::/0, ::/0, 2001:db8::15/128]", "[::/0, ::/0, ::/0, ::/0, 2001:db8::23/128]"),
        without.stream().sorted().toList());
  }

  private static String routes(Update u) {
    return u.attributes().mpReach().routes().stream()
        .map(r -> r.prefix() + (r.hasPathId() ? " id " + r.pathId() : "")).toList().toString();
  }

  private static boolean hasPathIds(Update u) {
    List<Route> all = new ArrayList<>(u.announced());
    if (u.attributes().mpReach() != null) all.addAll(u.attributes().mpReach().routes());
    return all.stream().anyMatch(Route::hasPathId);
  }

  /** Message type counts as tshark decodes the capture with TCP port 1790 as BMP. */
  static Map<Integer, Integer> tsharkTypes(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Interop.require("tshark").toString(), "-r", file.toString(), "-d",
        "tcp.port==1790,bmp", "-Y", "bmp", "-T", "fields", "-e", "bmp.type")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String text;
    try (InputStream in = p.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    assertEquals(0, p.waitFor(), "tshark failed on " + file);
    Map<Integer, Integer> counts = new TreeMap<>();
    for (String line : text.split("\n")) {
      for (String t : line.split(",")) {
        if (!t.isBlank()) counts.merge(Integer.parseInt(t.trim()), 1, Integer::sum);
      }
    }
    return counts;
  }
}
