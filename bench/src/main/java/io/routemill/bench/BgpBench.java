package io.routemill.bench;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.rib.Source;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.speaker.BgpSpeaker;
import io.routemill.collector.speaker.BgpSpeakerConfig;
import io.routemill.collector.speaker.Neighbor;
import io.routemill.collector.stream.RouteEventStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code scripts/bench bgp}: one BGP session over loopback into an in-process collector (the speaker of
 * {@code routemill run}), carrying the generated full table (1,050,000 IPv4 + 230,000 IPv6 prefixes) and its two
 * End-of-RIB markers. Timing starts at the first UPDATE byte, after the OPEN/KEEPALIVE exchange, and ends when
 * the collector has applied the IPv6 End-of-RIB (the last message) to the RIB. Best of RUNS sessions, each into
 * a fresh RIB. Not a test: it reports, it asserts nothing.
 */
public final class BgpBench {
  static final String PEER = "127.0.0.31";
  static final long PEER_AS = 65031;

  public static void main(String[] args) throws Exception {
    int ipv4 = args.length > 0 ? Integer.parseInt(args[0]) : 1_050_000;
    int ipv6 = args.length > 1 ? Integer.parseInt(args[1]) : 230_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long t0 = System.nanoTime();
    FullTable table = new FullTable(ipv4, ipv6, 20240101L);
    BgpPeerUpdates gen = new BgpPeerUpdates(table, PEER_AS, InetAddress.getByName(PEER).getAddress());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 << 20);
    long prefixes = gen.write(bytes);
    byte[] stream = bytes.toByteArray();
    System.out.printf("generated %,d prefixes (%,d IPv4 + %,d IPv6) in %,d UPDATEs, %,d bytes, in %.1f s%n",
        prefixes, ipv4, ipv6, gen.updates(), stream.length, (System.nanoTime() - t0) / 1e9);
    double best = Double.MAX_VALUE;
    for (int run = 1; run <= runs; run++) {
      double s = session(stream, ipv4, ipv6);
      if (s < 0) return;
      best = Math.min(best, s);
      System.out.printf("run %d: full table to End-of-RIB in %.3f s = %,.0f prefixes/s%n", run, s, prefixes / s);
    }
    System.out.printf("BEST: %,d prefixes over one BGP session in %.3f s (time to End-of-RIB) = %,.0f prefixes/s%n",
        prefixes, best, prefixes / best);
    // the sessions are left up: taking a full table down (Rib.drop) is not what is measured, and is slow
    System.exit(0);
  }

  /** One session into a fresh RIB; seconds from the first UPDATE byte to the IPv6 End-of-RIB applied, or -1. */
  static double session(byte[] stream, int ipv4, int ipv6) throws Exception {
    Rib rib = new Rib();
    BgpSpeakerConfig config = BgpSpeakerConfig.of(0, 65500, "192.0.2.100",
        List.of(Neighbor.of(InetAddress.getByName(PEER), PEER_AS))).withHost("127.0.0.1");
    BgpSpeaker speaker = new BgpSpeaker(config, new Ingest(rib, RouteEventStream.NONE), Clock.systemUTC());
    {
      int port = speaker.start();
      Socket socket = new Socket();
      {
        socket.setSendBufferSize(4 << 20);
        socket.setTcpNoDelay(true);
        socket.bind(new InetSocketAddress(PEER, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        readMessage(in); // their OPEN
        out.write(open());
        out.write(keepalive());
        out.flush();
        readMessage(in); // KEEPALIVE
        TableKey key = new TableKey("192.0.2.100", Source.BGP, PEER, 0, RibView.ADJ_IN_PRE);
        long start = System.nanoTime();
        out.write(stream);
        out.flush();
        while (true) {
          PeerTable t = rib.find(key);
          if (t != null && t.endOfRib(AfiSafi.IPV6_UNICAST) != null) break;
          if (System.nanoTime() - start > 120_000_000_000L
              || speaker.state(InetAddress.getByName(PEER)) != io.routemill.collector.speaker.BgpState.ESTABLISHED) {
            System.out.println("no End-of-RIB after 120 s; " + (t == null ? "no table" : t.counts()) + "; "
                + speaker.lastError(InetAddress.getByName(PEER)));
            return -1;
          }
          LockSupport.parkNanos(200_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TableCounts c = rib.counts(key);
        if (c.prefixesIpv4() != ipv4 || c.prefixesIpv6() != ipv6) {
          System.out.println("incomplete table: " + c);
          return -1;
        }
        return seconds;
      }
    }
  }

  private static byte[] open() {
    // version 4, AS_TRANS, hold 90, id 127.0.0.31, capabilities: MP IPv4, MP IPv6, 4-octet AS
    byte[] caps = {2, 6, 1, 4, 0, 1, 0, 1, 2, 6, 1, 4, 0, 2, 0, 1, 2, 6, 65, 4, 0, 0, (byte) (PEER_AS >>> 8), (byte) PEER_AS};
    byte[] m = new byte[29 + caps.length];
    for (int i = 0; i < 16; i++) m[i] = -1;
    m[16] = 0;
    m[17] = (byte) m.length;
    m[18] = 1;
    m[19] = 4;
    m[20] = (byte) (23456 >>> 8);
    m[21] = (byte) 23456;
    m[22] = 0;
    m[23] = 90;
    m[24] = 127;
    m[25] = 0;
    m[26] = 0;
    m[27] = 31;
    m[28] = (byte) caps.length;
    System.arraycopy(caps, 0, m, 29, caps.length);
    return m;
  }

  private static byte[] keepalive() {
    byte[] m = new byte[19];
    for (int i = 0; i < 16; i++) m[i] = -1;
    m[17] = 19;
    m[18] = 4;
    return m;
  }

  private static void readMessage(InputStream in) throws Exception {
    DataInputStream d = (DataInputStream) in;
    byte[] h = new byte[19];
    d.readFully(h);
    int len = (h[16] & 0xFF) << 8 | (h[17] & 0xFF);
    d.readFully(new byte[len - 19]);
  }
}
