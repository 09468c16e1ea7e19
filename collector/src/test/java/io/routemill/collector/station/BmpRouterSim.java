package io.routemill.collector.station;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.rib.Rib;
import io.routemill.testkit.Await;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import io.routemill.wire.bgp.capability.MultiprotocolCapability;
import io.routemill.wire.bmp.BmpMessageEncoder;
import io.routemill.wire.bmp.PeerHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: the BMP stream of a simulated router (RFC 7854) with monitored eBGP peers 0, 1, … (192.0.2.10+n,
 * AS 64500+n): Initiation, Peer Up, Route Monitoring of IPv4 /24s numbered from 0 ({@code 1.0.0.0/24},
 * {@code 1.0.1.0/24}, …), and sockets bound to a chosen loopback address.
 */
final class BmpRouterSim {
  private BmpRouterSim() {}

  static byte[] initiation(String sysName) {
    return BmpMessageEncoder.toBytes(BmpMessageEncoder.initiation("routemill test router", sysName));
  }

  /** Peer Up for {@code peer}; {@code postPolicy} sets the L flag (the same OPENs either way). */
  static byte[] peerUp(int peer, boolean postPolicy) {
    List<Capability> caps = List.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST), new FourOctetAsCapability(asn(peer)));
    Open received = BgpMessageEncoder.open(asn(peer), 90, 0xC0000200L + peer, caps);
    Open sent = BgpMessageEncoder.open(65_000, 90, 0xC0000201L,
        List.of(caps.get(0), new FourOctetAsCapability(65_000)));
    ByteBuf b = Unpooled.buffer();
    try {
      b.writeByte(3).writeInt(0).writeByte(3);
      b.writeByte(PeerHeader.GLOBAL_INSTANCE).writeByte(postPolicy ? PeerHeader.FLAG_L : 0).writeLong(0);
      b.writeZero(12).writeBytes(new byte[] {(byte) 192, 0, 2, (byte) (10 + peer)});
      b.writeInt((int) asn(peer)).writeInt(0xC0000200 + peer).writeInt(1_700_000_000).writeInt(0);
      b.writeZero(12).writeBytes(new byte[] {(byte) 192, 0, 2, 1}).writeShort(179).writeShort(40_000 + peer);
      b.writeBytes(sent.raw()).writeBytes(received.raw());
      b.setInt(1, b.readableBytes());
      return bytes(b);
    } finally {
      b.release();
    }
  }

  static byte[] peerUp(int peer) {
    return peerUp(peer, false);
  }

  /** Route Monitoring messages announcing prefixes {@code from} .. {@code from + count - 1}, {@code perMessage} each. */
  static byte[] routes(int peer, boolean postPolicy, int from, int count, int perMessage) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<PathAttribute> attrs = List.of(new Attr01Origin(Attr01Origin.IGP),
        new Attr02AsPath(List.of(AsPathSegment.sequence(asn(peer), 3333))),
        new Attr03NextHop(new byte[] {(byte) 192, 0, 2, (byte) (10 + peer)}));
    for (int i = from; i < from + count; i += perMessage) {
      List<Route> nlri = new ArrayList<>();
      for (int j = i; j < Math.min(from + count, i + perMessage); j++) nlri.add(Route.of(prefix(j)));
      ByteBuf pdu = Unpooled.buffer();
      ByteBuf rm = Unpooled.buffer();
      try {
        BgpMessageEncoder.writeUpdate(pdu, List.of(), attrs, nlri, DecodeContext.AS4);
        BmpMessageEncoder.writeRouteMonitoring(rm, header(peer, postPolicy), pdu);
        out.writeBytes(bytes(rm));
      } finally {
        pdu.release();
        rm.release();
      }
    }
    return out.toByteArray();
  }

  static byte[] routes(int peer, int from, int count, int perMessage) {
    return routes(peer, false, from, count, perMessage);
  }

  /** The /24 numbered {@code n}: 1.0.0.0/24, 1.0.1.0/24, … */
  static Prefix prefix(int n) {
    int a = (1 << 24) + (n << 8);
    return Prefix.parse((a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + ".0/24");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  /** A connection to the station from {@code local} (a loopback address) and an OS-chosen port. */
  static Socket connect(String local, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port));
    return s;
  }

  /** Writes; a connection the station closed meanwhile is not an error (the test looks at what the station did). */
  static void sendQuietly(Socket s, byte[] data) {
    try {
      s.getOutputStream().write(data);
      s.getOutputStream().flush();
    } catch (IOException e) {
      // closed by the station
    }
  }

  /** Waits (a blocking read, up to 20 s) until the station closed the connection. */
  static void awaitClosedByStation(Socket s) throws IOException {
    s.setSoTimeout(20_000);
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // the station sends nothing; drain anyway
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the station did not close " + s, e);
    } catch (SocketException e) {
      // reset: closed too
    }
  }

  /** Waits until {@code router}'s peers in {@code station} have these IPv4 prefix counts (one per peer, in order). */
  static void awaitPrefixes(BmpStation station, Rib rib, String router, long... perPeer) {
    Await.until(() -> prefixes(station, rib, router).equals(list(perPeer)), Duration.ofSeconds(30),
        () -> "peers of " + router + ": " + station.peers(rib));
  }

  static List<Long> prefixes(BmpStation station, Rib rib, String router) {
    List<Long> out = new ArrayList<>();
    List<PeerInfo> peers = new ArrayList<>(station.peers(rib));
    peers.removeIf(p -> !p.router().equals(router) || p.rib() == null);
    peers.sort(java.util.Comparator.comparing(PeerInfo::address).thenComparing(PeerInfo::rib));
    for (PeerInfo p : peers) out.add(p.prefixesIpv4());
    return out;
  }

  private static List<Long> list(long... values) {
    List<Long> out = new ArrayList<>();
    for (long v : values) out.add(v);
    return out;
  }

  static long asn(int peer) {
    return 64_500L + peer;
  }

  private static PeerHeader header(int peer, boolean postPolicy) {
    return new PeerHeader(PeerHeader.GLOBAL_INSTANCE, postPolicy ? PeerHeader.FLAG_L : 0, 0,
        new byte[] {(byte) 192, 0, 2, (byte) (10 + peer)}, asn(peer), 0xC0000200L + peer, 1_700_000_000L, 0);
  }

  private static byte[] bytes(ByteBuf b) {
    byte[] out = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), out);
    return out;
  }

  static void assertRefused(BmpStation station, String reason, long n) {
    assertEquals(n, station.stationInfo().refused().getOrDefault(reason, 0L), "refused " + reason + ": "
        + station.stationInfo());
  }
}
