package io.routemill.collector.station;

import static io.routemill.collector.station.BmpRouterSim.assertRefused;
import static io.routemill.collector.station.BmpRouterSim.awaitClosedByStation;
import static io.routemill.collector.station.BmpRouterSim.awaitPrefixes;
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
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.testkit.Await;
import io.routemill.wire.bgp.Wire;
import io.routemill.wire.bmp.BmpGoldenTest;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router that reconnects, a second connection from a router's address, a Peer Up on a live connection (issue
 * 9, defects 2 and 3): routers are connections; a new session (a new connection that sent Initiation and Peer Up,
 * or a Peer Up) starts its peer's tables afresh (RFC 7854 §4.10, §5); bytes from the address of a router that are
 * not a router's destroy nothing.
 */
class BmpDuplicateRouterTest {
  private static final int TABLE = 9_072;

  private final Rib rib = new Rib();

  private BmpStation station(StationLimits.DuplicateRouter policy) {
    StationLimits d = StationLimits.DEFAULTS;
    return new BmpStation("127.0.0.1", 0, new Ingest(rib, RouteEventStream.NONE), Clock.systemUTC(),
        new StationLimits(d.maxConnections(), d.maxConnectionsPerAddress(), d.initiationTimeout(), d.idleTimeout(),
            d.frameBudget(), policy, List.of()));
  }

  private static byte[] fullSession() {
    return concat(initiation("r1"), peerUp(0), peerUp(1), routes(0, 0, TABLE, 100), routes(1, 0, TABLE, 100));
  }

  @Test
  void aRouterThatReconnectsStartsAfreshAndItsOldConnectionIsClosed() throws Exception {
    try (BmpStation station = station(StationLimits.DuplicateRouter.REPLACE)) {
      int port = station.start();
      try (Socket old = connect("127.0.0.45", port); Socket fresh = connect("127.0.0.45", port)) {
        old.getOutputStream().write(fullSession());
        awaitPrefixes(station, rib, "127.0.0.45", TABLE, TABLE);
        // the router restarted: Initiation, its two Peer Ups and 100 Route Monitoring messages, 50 per peer
        fresh.getOutputStream().write(concat(initiation("r1"), peerUp(0), peerUp(1), routes(0, 20_000, 50, 1),
            routes(1, 30_000, 50, 1)));
        awaitPrefixes(station, rib, "127.0.0.45", 50, 50);
        awaitClosedByStation(old);
        Await.until(() -> station.stationInfo().refused().containsKey("replaced"), Duration.ofSeconds(10),
            () -> station.stationInfo().toString());
        assertRefused(station, "replaced", 1);
        RefusedConnection r = station.stationInfo().recent().get(0);
        assertEquals(List.of("127.0.0.45", old.getLocalPort(), "replaced"), List.of(r.address(), r.port(), r.reason()));
        assertEquals(1, station.routers().size());
        assertEquals(100, station.routers().get(0).messages().get("routeMonitoring"), "counters are the new session's");
      }
    }
  }

  @Test
  void aPeerUpOnTheSameConnectionStartsThatPeerAfresh() throws Exception {
    try (BmpStation station = station(StationLimits.DuplicateRouter.REPLACE)) {
      int port = station.start();
      try (Socket router = connect("127.0.0.46", port)) {
        router.getOutputStream().write(fullSession());
        awaitPrefixes(station, rib, "127.0.0.46", TABLE, TABLE);
        // peer 0's session was re-established without a Peer Down reaching the station
        router.getOutputStream().write(concat(peerUp(0), routes(0, 20_000, 10, 1)));
        awaitPrefixes(station, rib, "127.0.0.46", 10, TABLE);
      }
    }
  }

  @Test
  void aPeerUpThatOnlyAddsAViewKeepsTheOtherViews() throws Exception {
    try (BmpStation station = station(StationLimits.DuplicateRouter.REPLACE)) {
      int port = station.start();
      try (Socket router = connect("127.0.0.47", port)) {
        // pre-policy Peer Up and routes, then the post-policy view's Peer Up (same OPENs) and its routes
        router.getOutputStream().write(concat(initiation("r1"), peerUp(0), routes(0, 0, 5, 1), peerUp(0, true),
            routes(0, true, 0, 3, 1)));
        awaitPrefixes(station, rib, "127.0.0.47", 5, 3);
        // a second pre-policy Peer Up is a new session: every view starts afresh
        router.getOutputStream().write(concat(peerUp(0), routes(0, 100, 2, 1)));
        awaitPrefixes(station, rib, "127.0.0.47", 2);
      }
    }
  }

  @Test
  void garbageFromARoutersAddressDestroysNothing() throws Exception {
    try (BmpStation station = station(StationLimits.DuplicateRouter.REPLACE)) {
      int port = station.start();
      try (Socket good = connect("127.0.0.43", port); Socket bad = connect("127.0.0.43", port)) {
        good.getOutputStream().write(concat(initiation("good"), peerUp(0), routes(0, 0, 500, 50)));
        awaitPrefixes(station, rib, "127.0.0.43", 500);
        // a 42-byte Initiation, then a header of BMP version 4
        sendQuietly(bad, concat(Wire.bytes(BmpGoldenTest.INITIATION), Wire.bytes("04 00 00 00 06 00")));
        awaitClosedByStation(bad);
        assertRefused(station, "framing-error", 1);
        // the good router's connection, routes and counters are intact, and it keeps streaming
        good.getOutputStream().write(routes(0, 500, 1, 1));
        awaitPrefixes(station, rib, "127.0.0.43", 501);
        RouterInfo r = station.routers().get(0);
        assertEquals("good", r.sysName());
        assertEquals(11, r.messages().get("routeMonitoring"));
        assertRefused(station, "replaced", 0);
        assertEquals(bad.getLocalPort(), station.stationInfo().recent().get(0).port());
      }
    }
  }

  @Test
  void rejectRefusesASecondConnectionWhileTheFirstLives() throws Exception {
    try (BmpStation station = station(StationLimits.DuplicateRouter.REJECT)) {
      int port = station.start();
      try (Socket first = connect("127.0.0.44", port)) {
        first.getOutputStream().write(concat(initiation("first"), peerUp(0), routes(0, 0, 20, 5)));
        awaitPrefixes(station, rib, "127.0.0.44", 20);
        try (Socket second = connect("127.0.0.44", port)) {
          sendQuietly(second, concat(initiation("second"), peerUp(0), routes(0, 100, 1, 1)));
          awaitClosedByStation(second);
        }
        assertRefused(station, "duplicate-router", 1);
        first.getOutputStream().write(routes(0, 20, 1, 1));
        awaitPrefixes(station, rib, "127.0.0.44", 21);
        assertEquals("first", station.routers().get(0).sysName());
      }
      // once the first is gone its tables are flushed, and the router may connect again
      Await.until(() -> station.routers().isEmpty() && rib.keys().isEmpty(), Duration.ofSeconds(10),
          () -> station.routers() + " " + rib.keys());
      try (Socket again = connect("127.0.0.44", port)) {
        again.getOutputStream().write(concat(initiation("again"), peerUp(0), routes(0, 0, 3, 1)));
        awaitPrefixes(station, rib, "127.0.0.44", 3);
      }
      assertTrue(station.stationInfo().recent().stream().allMatch(r -> r.reason().equals("duplicate-router")));
    }
  }
}
