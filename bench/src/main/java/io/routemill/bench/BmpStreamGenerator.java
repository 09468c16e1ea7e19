package io.routemill.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import io.routemill.wire.bgp.capability.MultiprotocolCapability;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the BMP stream one router would send for {@code peers} monitored eBGP peers that each send the same
 * {@link FullTable} (RFC 7854): Initiation, a Peer Up per peer, pre-policy Route Monitoring messages carrying
 * UPDATEs packed the way routers pack them (all prefixes sharing an attribute set together, up to 4,096
 * bytes), and End-of-RIB per family. Each peer reaches the origins over its own transit paths, so attribute
 * sets differ between peers and are shared within a peer by all prefixes of an origin (plus community
 * variants), like real tables.
 */
public final class BmpStreamGenerator {
  private BmpStreamGenerator() {}

  /** Returns the number of paths (prefix announcements) written; UPDATEs packed up to 4,096 bytes. */
  public static long write(Path file, FullTable table, int peers) throws IOException {
    return write(file, table, peers, 0);
  }

  /** As {@link #write(Path, FullTable, int)} with at most {@code prefixesPerUpdate} prefixes per UPDATE (0: no cap). */
  public static long write(Path file, FullTable table, int peers, int prefixesPerUpdate) throws IOException {
    long paths = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      writeInitiation(out);
      for (int p = 0; p < peers; p++) writePeerUp(out, p);
      for (int p = 0; p < peers; p++) {
        int peer = p;
        PeerUpdates updates = new PeerUpdates(table, p, peerAs(p), peerAddress(p), prefixesPerUpdate);
        paths += updates.writeFamily(pdu -> writeRouteMonitoring(out, peer, pdu), false);
        paths += updates.writeFamily(pdu -> writeRouteMonitoring(out, peer, pdu), true);
        writeRouteMonitoring(out, p, endOfRib(AfiSafi.IPV4_UNICAST));
        writeRouteMonitoring(out, p, endOfRib(AfiSafi.IPV6_UNICAST));
      }
    }
    return paths;
  }

  static long peerAs(int peer) {
    return 64_500L + peer;
  }

  static byte[] peerAddress(int peer) {
    return new byte[] {(byte) 192, 0, 2, (byte) (10 + peer)};
  }

  private static void writeInitiation(OutputStream out) throws IOException {
    byte[] name = "bench-router".getBytes(StandardCharsets.US_ASCII);
    byte[] descr = "routemill full-table generator".getBytes(StandardCharsets.US_ASCII);
    ByteBuf b = Unpooled.buffer();
    b.writeByte(3).writeInt(6 + 4 + name.length + 4 + descr.length).writeByte(4);
    b.writeShort(2).writeShort(name.length).writeBytes(name);
    b.writeShort(1).writeShort(descr.length).writeBytes(descr);
    drain(b, out);
  }

  private static void writePeerUp(OutputStream out, int peer) throws IOException {
    List<io.routemill.wire.bgp.capability.Capability> caps = List.of(
        new MultiprotocolCapability(AfiSafi.IPV4_UNICAST), new MultiprotocolCapability(AfiSafi.IPV6_UNICAST),
        new FourOctetAsCapability(peerAs(peer)));
    Open received = io.routemill.wire.bgp.BgpMessageEncoder.open(peerAs(peer), 90, 0xC0000200L + peer, caps);
    Open sent = io.routemill.wire.bgp.BgpMessageEncoder.open(65_000, 90, 0xC0000201L,
        List.of(caps.get(0), caps.get(1), new FourOctetAsCapability(65_000)));
    ByteBuf b = Unpooled.buffer();
    b.writeByte(3).writeInt(0).writeByte(3);
    perPeerHeader(b, peer);
    b.writeZero(12).writeBytes(new byte[] {(byte) 192, 0, 2, 1}).writeShort(179).writeShort(40_000 + peer);
    b.writeBytes(sent.raw()).writeBytes(received.raw());
    b.setInt(1, b.readableBytes());
    drain(b, out);
  }

  static void writeRouteMonitoring(OutputStream out, int peer, ByteBuf pdu) throws IOException {
    ByteBuf b = Unpooled.buffer(6 + 42 + pdu.readableBytes());
    b.writeByte(3).writeInt(6 + 42 + pdu.readableBytes()).writeByte(0);
    perPeerHeader(b, peer);
    b.writeBytes(pdu);
    pdu.release();
    drain(b, out);
  }

  private static void perPeerHeader(ByteBuf b, int peer) {
    b.writeByte(0).writeByte(0).writeLong(0); // global instance peer, IPv4, pre-policy, 4-octet AS paths
    b.writeZero(12).writeBytes(peerAddress(peer));
    b.writeInt((int) peerAs(peer)).writeInt(0xC0000200 + peer).writeInt(1_700_000_000).writeInt(0);
  }

  private static ByteBuf endOfRib(AfiSafi family) {
    ByteBuf b = Unpooled.buffer();
    b.writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}).writeShort(0).writeByte(2);
    b.writeShort(0);
    if (family.afi() == AfiSafi.AFI_IPV4) {
      b.writeShort(0);
    } else {
      b.writeShort(6).writeByte(0x80).writeByte(15).writeByte(3).writeShort(family.afi()).writeByte(family.safi());
    }
    b.setShort(16, b.readableBytes());
    return b;
  }

  private static void drain(ByteBuf b, OutputStream out) throws IOException {
    try {
      b.readBytes(out, b.readableBytes());
    } finally {
      b.release();
    }
  }
}
