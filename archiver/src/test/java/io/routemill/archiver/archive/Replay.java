package io.routemill.archiver.archive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.station.BmpStation;
import io.routemill.testkit.Await;
import io.routemill.testkit.Pcap;
import io.routemill.testkit.SharedData;
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

/** Replays the BMP streams of real router captures into a running station, as routers would send them. */
final class Replay {
  private Replay() {}

  /** Connects one socket per captured BMP stream and sends it; waits until the station has read every message. */
  static List<Socket> captures(BmpStation station, int port, String... dirs) throws IOException {
    List<Socket> routers = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    int source = 10;
    for (String dir : dirs) {
      for (Path pcap : SharedData.files(dir)) {
        if (!pcap.toString().endsWith(".pcap")) continue;
        for (Pcap.TcpStream stream : Pcap.tcpStreams(pcap)) {
          if (stream.destinationPort() != 1790 || stream.data().length == 0) continue;
          String address = "127.0.0." + source++;
          expected.put(address, countMessages(stream.data()));
          Socket socket = new Socket();
          socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
          socket.connect(new InetSocketAddress("127.0.0.1", port));
          routers.add(socket);
          OutputStream out = socket.getOutputStream();
          out.write(stream.data());
          out.flush();
        }
      }
    }
    assertTrue(!expected.isEmpty(), "no BMP stream in " + List.of(dirs));
    Await.until(() -> counts(station).equals(expected), Duration.ofSeconds(60),
        () -> "expected " + expected + " got " + counts(station));
    return routers;
  }

  private static Map<String, Long> counts(BmpStation station) {
    Map<String, Long> out = new TreeMap<>();
    for (RouterInfo r : station.routers()) {
      out.put(r.address(), r.messages().values().stream().mapToLong(Long::longValue).sum());
    }
    return out;
  }

  private static long countMessages(byte[] data) {
    long n = 0;
    int pos = 0;
    while (pos + 6 <= data.length) {
      long length = ((data[pos + 1] & 0xFFL) << 24) | ((data[pos + 2] & 0xFF) << 16) | ((data[pos + 3] & 0xFF) << 8)
          | (data[pos + 4] & 0xFF);
      if (length < 6 || pos + length > data.length) break;
      n++;
      pos += (int) length;
    }
    return n;
  }
}
