package io.routemill.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The UPDATEs one BGP peer sends for a {@link FullTable}, as raw BGP messages for a direct session (no BMP
 * framing): the same grouping as {@link PeerUpdates} — prefixes by attribute set (origin AS plus a community variant
 * for about a quarter), packed into UPDATEs of at most 4,096 bytes, 4-octet AS paths of 2–7 hops — then End-of-RIB
 * for IPv4 and IPv6.
 */
final class BgpPeerUpdates {
  private static final int MAX_UPDATE = 4096;
  private static final int[] TRANSITS = {3356, 1299, 174, 2914, 6939, 6453, 3257, 6762, 1273, 6461, 3491, 5511, 4637,
      7018, 9002, 12956, 6830, 4134, 7473, 2828, 3320, 1239, 701, 209, 3549, 6830, 20485, 31133, 8359, 9498};
  private final FullTable table;
  private final long peerAs;
  private final byte[] nextHop;
  long updates;

  BgpPeerUpdates(FullTable table, long peerAs, byte[] nextHop) {
    this.table = table;
    this.peerAs = peerAs;
    this.nextHop = nextHop;
  }

  /** Writes every UPDATE of both families and the two End-of-RIB markers; returns the number of prefixes. */
  long write(OutputStream out) throws IOException {
    long n = writeFamily(out, false) + writeFamily(out, true);
    out.write(endOfRib(false));
    out.write(endOfRib(true));
    return n;
  }

  private long writeFamily(OutputStream out, boolean ipv6) throws IOException {
    int n = ipv6 ? table.ipv6High.length : table.ipv4.length;
    int[] origins = ipv6 ? table.ipv6Origin : table.ipv4Origin;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) order[i] = ((long) key(origins[i], i) << 32) | i;
    Arrays.sort(order);
    ByteBuf nlri = Unpooled.buffer(MAX_UPDATE);
    int i = 0;
    while (i < n) {
      int key = (int) (order[i] >>> 32);
      byte[] attributes = attributes(key >>> 2, key & 3, ipv6);
      int room = MAX_UPDATE - 19 - 4 - attributes.length - (ipv6 ? 4 + 5 + 16 + 1 : 0);
      nlri.clear();
      int j = i;
      while (j < n && (int) (order[j] >>> 32) == key) {
        int index = (int) order[j];
        int need = 1 + (length(index, ipv6) + 7) / 8;
        if (nlri.readableBytes() + need > room) break;
        writePrefix(nlri, index, ipv6);
        j++;
      }
      out.write(update(attributes, nlri, ipv6));
      updates++;
      i = j;
    }
    nlri.release();
    return n;
  }

  private int key(int origin, int prefixIndex) {
    int h = mix(1_000_003 + prefixIndex);
    int variant = (h & 7) < 6 ? 0 : 1 + ((h >>> 3) & 1);
    return origin << 2 | variant;
  }

  private int length(int index, boolean ipv6) {
    return ipv6 ? table.ipv6Length[index] : (int) (table.ipv4[index] & 0xFF);
  }

  private void writePrefix(ByteBuf b, int index, boolean ipv6) {
    int length = length(index, ipv6);
    b.writeByte(length);
    long address = ipv6 ? table.ipv6High[index] : (table.ipv4[index] >>> 8) << 32;
    for (int k = 0; k < (length + 7) / 8; k++) b.writeByte((int) (address >>> (56 - 8 * k)));
  }

  private byte[] attributes(int origin, int variant, boolean ipv6) {
    ByteBuf a = Unpooled.buffer(128);
    a.writeByte(0x40).writeByte(1).writeByte(1).writeByte(origin % 11 == 0 ? 2 : 0);
    int h = mix(7919 + origin);
    int transits = 1 + Math.abs(h % 5);
    int prepend = (h >>> 8) % 13 == 0 ? 2 : 0;
    int asns = 1 + transits + 1 + prepend;
    a.writeByte(0x40).writeByte(2).writeByte(2 + 4 * asns).writeByte(2).writeByte(asns);
    a.writeInt((int) peerAs);
    for (int t = 0; t < transits; t++) a.writeInt(TRANSITS[Math.abs(mix(h + t) % TRANSITS.length)]);
    long originAs = origin % 10 == 0 ? 200_000L + origin : 1_000L + origin;
    for (int k = 0; k <= prepend; k++) a.writeInt((int) originAs);
    if (!ipv6) a.writeByte(0x40).writeByte(3).writeByte(4).writeBytes(nextHop);
    if ((h & 3) == 0) a.writeByte(0x80).writeByte(4).writeByte(4).writeInt(h >>> 20);
    int communities = 1 + variant;
    a.writeByte(0xC0).writeByte(8).writeByte(4 * communities);
    a.writeShort((int) peerAs & 0xFFFF).writeShort(100 + origin % 50);
    for (int k = 1; k < communities; k++) a.writeShort((int) peerAs & 0xFFFF).writeShort(1000 + k);
    byte[] bytes = new byte[a.readableBytes()];
    a.readBytes(bytes);
    a.release();
    return bytes;
  }

  private byte[] update(byte[] attributes, ByteBuf nlri, boolean ipv6) {
    ByteBuf b = Unpooled.buffer(MAX_UPDATE);
    b.writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}).writeShort(0).writeByte(2);
    b.writeShort(0);
    int attrLengthAt = b.writerIndex();
    b.writeShort(0);
    b.writeBytes(attributes);
    if (ipv6) {
      int mpLength = 2 + 1 + 1 + 16 + 1 + nlri.readableBytes(); // AFI, SAFI, next-hop length, next hop, reserved
      b.writeByte(0x90).writeByte(14).writeShort(mpLength).writeShort(2).writeByte(1).writeByte(16);
      b.writeLong(0x2001_0DB8_FFFF_0000L).writeLong(1).writeByte(0);
      b.writeBytes(nlri, nlri.readerIndex(), nlri.readableBytes());
      b.setShort(attrLengthAt, b.writerIndex() - attrLengthAt - 2);
    } else {
      b.setShort(attrLengthAt, attributes.length);
      b.writeBytes(nlri, nlri.readerIndex(), nlri.readableBytes());
    }
    b.setShort(16, b.readableBytes());
    byte[] bytes = new byte[b.readableBytes()];
    b.readBytes(bytes);
    b.release();
    return bytes;
  }

  private static byte[] endOfRib(boolean ipv6) {
    if (!ipv6) return new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 23, 2, 0, 0, 0, 0};
    return new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 29, 2, 0, 0, 0, 6,
        (byte) 0x80, 15, 3, 0, 2, 1};
  }

  private static int mix(int x) {
    x ^= x >>> 16;
    x *= 0x7feb352d;
    x ^= x >>> 15;
    x *= 0x846ca68b;
    return x ^ (x >>> 16);
  }
}
