package io.routemill.collector.station;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.stream.RouteEventStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Issue 9: a BMP port in use is an error that names the address and port. */
class BmpBindErrorTest {
  @Test
  void aPortInUseIsNamedInTheError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      try (BmpStation station = new BmpStation("127.0.0.1", port, new Ingest(new Rib(), RouteEventStream.NONE),
          Clock.systemUTC())) {
        Exception e = assertThrows(Exception.class, station::start);
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      }
    }
  }
}
