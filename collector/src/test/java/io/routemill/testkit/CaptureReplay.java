package io.routemill.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.station.BmpStation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays the BMP streams of real router captures (TCP port 1790) into a running station, one connection per
 * captured stream from its own loopback address (127.0.0.10, .11, …), as the routers sent them; then waits
 * until the station has counted every message of every stream, per type. The caller closes the sockets
 * (closing one is the router disconnecting).
 */
public final class CaptureReplay {
  private static final String[] TYPES = {"routeMonitoring", "statisticsReport", "peerDown", "peerUp", "initiation",
      "termination", "routeMirroring"};

  private CaptureReplay() {}

  public static List<Socket> replay(BmpStation station, int port, String... dirs) throws IOException {
    List<Socket> routers = new ArrayList<>();
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    int source = 10;
    try {
      for (String dir : dirs) {
        for (Path pcap : SharedData.files(dir)) {
          if (!pcap.toString().endsWith(".pcap")) continue;
          for (Pcap.TcpStream stream : Pcap.tcpStreams(pcap)) {
            if (stream.destinationPort() != 1790 || stream.data().length == 0) continue;
            String address = "127.0.0." + source++;
            expected.put(address, countByType(stream.data()));
            Socket socket = new Socket();
            routers.add(socket);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(stream.data());
            out.flush();
          }
        }
      }
      assertTrue(!expected.isEmpty(), "no BMP stream in " + List.of(dirs));
      Await.until(() -> countsOf(station).equals(expected), Duration.ofSeconds(60),
          () -> "expected " + expected + " got " + countsOf(station));
      return routers;
    } catch (IOException | RuntimeException | AssertionError e) {
      for (Socket s : routers) s.close();
      throw e;
    }
  }

  private static Map<String, Map<String, Long>> countsOf(BmpStation station) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (RouterInfo r : station.routers()) out.put(r.address(), new TreeMap<>(r.messages()));
    return out;
  }

  /** Walks the BMP common headers of a stream (RFC 7854 §4.1) to count messages per type. */
  static Map<String, Long> countByType(byte[] data) {
    Map<String, Long> counts = new TreeMap<>();
    int pos = 0;
    while (pos + 6 <= data.length) {
      long length = ((data[pos + 1] & 0xFFL) << 24) | ((data[pos + 2] & 0xFF) << 16) | ((data[pos + 3] & 0xFF) << 8)
          | (data[pos + 4] & 0xFF);
      if (length < 6 || pos + length > data.length) break;
      int type = data[pos + 5] & 0xFF;
      counts.merge(type < TYPES.length ? TYPES[type] : "unknown", 1L, Long::sum);
      pos += (int) length;
    }
    return counts;
  }
}
