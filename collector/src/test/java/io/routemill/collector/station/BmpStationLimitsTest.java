package io.routemill.collector.station;

import static io.routemill.collector.station.BmpRouterSim.assertRefused;
import static io.routemill.collector.station.BmpRouterSim.awaitClosedByStation;
import static io.routemill.collector.station.BmpRouterSim.concat;
import static io.routemill.collector.station.BmpRouterSim.connect;
import static io.routemill.collector.station.BmpRouterSim.initiation;
import static io.routemill.collector.station.BmpRouterSim.peerUp;
import static io.routemill.collector.station.BmpRouterSim.routes;
import static io.routemill.collector.station.BmpRouterSim.sendQuietly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.query.CollectorQuery.RefusedConnection;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.testkit.Await;
import io.routemill.testkit.Pcap;
import io.routemill.testkit.SharedData;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Wire;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a sender can hold in the station (issue 9, defects 1 and 7), at a reduced scale: the frame budget, the
 * Initiation and idle timeouts, the connection caps and the allow-list, each counted by reason in
 * {@link BmpStation#stationInfo()}.
 */
class BmpStationLimitsTest {
  private static final String CAPTURE = "bmp/pmacct/403-IPFIXv10-BMP-IPv6-CISCO-locrib-peerdown-vrf/traffic-00.pcap";
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration SHORT = Duration.ofMillis(300);
  /** One byte short of the 1 MiB the header announces: the frame never completes. */
  private static final int HELD = (1 << 20) - 1;

  private final Rib rib = new Rib();

  private BmpStation station(int maxConnections, int perAddress, Duration initiation, Duration idle, long budget,
      List<Prefix> allow) {
    return new BmpStation("127.0.0.1", 0, new Ingest(rib, RouteEventStream.NONE), Clock.systemUTC(),
        new StationLimits(maxConnections, perAddress, initiation, idle, budget, StationLimits.DuplicateRouter.REPLACE,
            allow));
  }

  @Test
  void unfinishedFramesBeyondTheBudgetAreRefusedAndARealRouterIsIngestedMeanwhile() throws Exception {
    byte[] capture = Pcap.tcpStreams(SharedData.file(CAPTURE)).stream().filter(s -> s.destinationPort() == 1790)
        .findFirst().orElseThrow().data();
    Map<TableKey, TableCounts> expected = replayAlone(capture);
    long budget = 8L << 20;
    try (BmpStation station = station(100, 10, LONG, LONG, budget, List.of())) {
      int port = station.start();
      List<Socket> attack = new ArrayList<>();
      try {
        byte[] frame = new byte[HELD];
        System.arraycopy(Wire.bytes("03 00100000 00"), 0, frame, 0, 6); // BMP v3, length 1 MiB, Route Monitoring
        for (int i = 0; i < 40; i++) {
          Socket s = connect("127.0.0.4" + (i % 8), port);
          attack.add(s);
          sendQuietly(s, frame);
        }
        // every attacker either holds all its bytes or was refused; those that hold fit in the budget
        Await.until(() -> {
          long open = station.stationInfo().openConnections();
          return open + refused(station, "frame-budget") == 40 && station.heldFrameBytes() == open * HELD;
        }, Duration.ofSeconds(60), () -> station.stationInfo().openConnections() + " open, held "
            + station.heldFrameBytes() + ", " + station.stationInfo().refused());
        assertTrue(station.heldFrameBytes() <= budget, "held " + station.heldFrameBytes());
        assertTrue(refused(station, "frame-budget") >= 32, station.stationInfo().refused().toString());

        try (Socket router = connect("127.0.0.50", port)) {
          replay(station, router, capture);
          assertEquals(expected, tables());
          assertEquals(messages(capture) + 1, station.routers().get(0).messages().values().stream()
              .mapToLong(Long::longValue).sum());
          assertTrue(station.stationInfo().recent().stream().noneMatch(r -> r.address().equals("127.0.0.50")));
        }
      } finally {
        for (Socket s : attack) s.close();
      }
      Await.until(() -> station.heldFrameBytes() == 0 && station.stationInfo().openConnections() == 0,
          Duration.ofSeconds(20), () -> "held " + station.heldFrameBytes());
    }
  }

  @Test
  void connectionsThatSendNoInitiationAreClosedAfterTheInitiationTimeout() throws Exception {
    try (BmpStation station = station(100, 10, SHORT, LONG, 8L << 20, List.of())) {
      int port = station.start();
      try (Socket silent = connect("127.0.0.51", port); Socket chatty = connect("127.0.0.51", port)) {
        // a Peer Up before any Initiation is ignored (RFC 7854 §4.3), and does not keep the connection
        sendQuietly(chatty, peerUp(0));
        awaitClosedByStation(silent);
        awaitClosedByStation(chatty);
      }
      assertRefused(station, "initiation-timeout", 2);
      assertTrue(station.routers().isEmpty());
      RefusedConnection r = station.stationInfo().recent().get(0);
      assertEquals("127.0.0.51", r.address());
      assertTrue(r.detail().contains("no Initiation"), r.detail());
    }
  }

  @Test
  void aConnectionWithoutBytesForTheIdleTimeoutIsClosedAndItsTablesFlushed() throws Exception {
    try (BmpStation station = station(100, 10, LONG, SHORT, 8L << 20, List.of())) {
      int port = station.start();
      try (Socket router = connect("127.0.0.52", port)) {
        router.getOutputStream().write(concat(initiation("quiet"), peerUp(0), routes(0, 0, 10, 5)));
        awaitClosedByStation(router);
      }
      Await.until(() -> station.routers().isEmpty() && rib.keys().isEmpty(), Duration.ofSeconds(10),
          () -> station.routers() + " " + rib.keys());
      assertRefused(station, "idle-timeout", 1);
    }
  }

  @Test
  void connectionCapsAndTheAllowListRefuseAtAccept() throws Exception {
    List<Prefix> allow = List.of(Prefix.parse("127.0.0.52/31"), Prefix.parse("127.0.0.54/32"));
    try (BmpStation station = station(3, 2, LONG, LONG, 8L << 20, allow)) {
      int port = station.start();
      List<Socket> sockets = new ArrayList<>();
      try {
        sockets.add(connect("127.0.0.52", port));
        sockets.add(connect("127.0.0.52", port));
        awaitOpen(station, 2);
        Socket perAddress = connect("127.0.0.52", port);
        sockets.add(perAddress);
        awaitClosedByStation(perAddress);
        assertRefused(station, "address-limit", 1);
        sockets.add(connect("127.0.0.53", port));
        awaitOpen(station, 3);
        Socket total = connect("127.0.0.54", port);
        sockets.add(total);
        awaitClosedByStation(total);
        assertRefused(station, "connection-limit", 1);
        Socket stranger = connect("127.0.0.55", port);
        sockets.add(stranger);
        awaitClosedByStation(stranger);
        assertRefused(station, "not-allowed", 1);
        List<String> recent = new ArrayList<>();
        for (RefusedConnection r : station.stationInfo().recent()) recent.add(r.address() + " " + r.reason());
        assertEquals(List.of("127.0.0.55 not-allowed", "127.0.0.54 connection-limit", "127.0.0.52 address-limit"),
            recent);
        assertEquals(3, station.stationInfo().openConnections());
      } finally {
        for (Socket s : sockets) s.close();
      }
    }
  }

  private static void awaitOpen(BmpStation station, long n) {
    Await.until(() -> station.stationInfo().openConnections() == n, Duration.ofSeconds(10), () -> station.stationInfo().toString());
  }

  private static long refused(BmpStation station, String reason) {
    return station.stationInfo().refused().getOrDefault(reason, 0L);
  }

  /** The tables the capture leaves in a station of its own, from the same address. */
  private static Map<TableKey, TableCounts> replayAlone(byte[] capture) throws Exception {
    BmpStationLimitsTest alone = new BmpStationLimitsTest();
    try (BmpStation station = alone.station(100, 10, LONG, LONG, 8L << 20, List.of());
        Socket router = connect("127.0.0.50", station.start())) {
      replay(station, router, capture);
      Map<TableKey, TableCounts> tables = alone.tables();
      assertTrue(tables.size() > 1, "the capture fills tables: " + tables);
      return tables;
    }
  }

  /**
   * Streams the capture and a second Initiation after it, then waits for that one: the connection's messages are
   * handled in order, so every message of the capture has then been applied.
   */
  private static void replay(BmpStation station, Socket router, byte[] capture) throws Exception {
    router.getOutputStream().write(concat(capture, initiation("end of capture")));
    Await.until(() -> !station.routers().isEmpty() && station.routers().get(0).sysName().equals("end of capture"),
        Duration.ofSeconds(60), () -> station.routers().toString());
  }

  private Map<TableKey, TableCounts> tables() {
    Map<TableKey, TableCounts> out = new TreeMap<>(java.util.Comparator.comparing(TableKey::toString));
    for (TableKey k : rib.keys()) out.put(k, rib.find(k).counts());
    return out;
  }

  /** Messages in a BMP stream, by its common headers (RFC 7854 §4.1). */
  private static long messages(byte[] data) {
    long n = 0;
    for (int pos = 0; pos + 6 <= data.length; n++) {
      long length = ((data[pos + 1] & 0xFFL) << 24) | ((data[pos + 2] & 0xFF) << 16) | ((data[pos + 3] & 0xFF) << 8)
          | (data[pos + 4] & 0xFF);
      if (length < 6 || pos + length > data.length) break;
      pos += (int) length;
    }
    return n;
  }
}
