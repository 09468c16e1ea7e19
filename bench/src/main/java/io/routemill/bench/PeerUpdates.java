package io.routemill.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.Arrays;

/**
 * The UPDATEs one peer sends for a {@link FullTable}: prefixes grouped by attribute set (origin AS plus a
 * community variant for about a quarter of them), each group packed into as few UPDATEs as fit 4,096 bytes.
 * AS paths are 4-octet, 2–7 hops through a pool of transit ASes chosen per (peer, origin). The same UPDATEs
 * feed the BMP stream ({@link BmpStreamGenerator}) and the direct BGP session ({@link BgpPeerUpdates}).
 */
final class PeerUpdates {
  /** Receives each UPDATE (a complete BGP message) and releases it. */
  interface Sink {
    void accept(ByteBuf update) throws IOException;
  }

  private static final int MAX_UPDATE = 4096;
  private static final int[] TRANSITS = transitPool();
  private final FullTable table;
  private final int peer;
  private final long peerAs;
  private final byte[] nextHop;
  private final int prefixesPerUpdate;
  private long updates;

  /** {@code peer} varies the attribute sets between peers; the next hop is for IPv4 (IPv6 uses 2001:db8:ffff::peer+1). */
  PeerUpdates(FullTable table, int peer, long peerAs, byte[] nextHop) {
    this(table, peer, peerAs, nextHop, 0);
  }

  /**
   * {@code prefixesPerUpdate} caps the prefixes of one UPDATE (0: as many as fit 4,096 bytes). With 1 the
   * UPDATEs come in prefix order, so consecutive ones carry different attribute sets, as when a router sends a
   * table whose paths are diverse, or churn.
   */
  PeerUpdates(FullTable table, int peer, long peerAs, byte[] nextHop, int prefixesPerUpdate) {
    this.table = table;
    this.peer = peer;
    this.peerAs = peerAs;
    this.nextHop = nextHop;
    this.prefixesPerUpdate = prefixesPerUpdate;
  }

  /** UPDATEs written so far. */
  long updates() {
    return updates;
  }

  /** Writes the family's UPDATEs (no End-of-RIB); returns the number of prefixes. */
  long writeFamily(Sink out, boolean ipv6) throws IOException {
    int n = ipv6 ? table.ipv6High.length : table.ipv4.length;
    int[] origins = ipv6 ? table.ipv6Origin : table.ipv4Origin;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) order[i] = ((long) key(origins[i], i) << 32) | i;
    if (prefixesPerUpdate != 1) Arrays.sort(order);
    int cap = prefixesPerUpdate > 0 ? prefixesPerUpdate : Integer.MAX_VALUE;
    int i = 0;
    while (i < n) {
      int key = (int) (order[i] >>> 32);
      byte[] attributes = attributes(key >>> 2, key & 3, ipv6);
      int j = i;
      ByteBuf nlri = Unpooled.buffer(MAX_UPDATE);
      // header 19, two length fields 4, and for IPv6 the MP_REACH header (4) with AFI/SAFI/next hop/reserved (21)
      int room = MAX_UPDATE - 19 - 4 - attributes.length - (ipv6 ? 25 : 0);
      while (j < n && j - i < cap && (int) (order[j] >>> 32) == key) {
        int index = (int) order[j];
        int need = 1 + (length(index, ipv6) + 7) / 8;
        if (nlri.readableBytes() + need > room) break;
        writePrefix(nlri, index, ipv6);
        j++;
      }
      out.accept(update(attributes, nlri, ipv6));
      updates++;
      nlri.release();
      i = j;
    }
    return n;
  }

  private int key(int origin, int prefixIndex) {
    int h = mix(peer * 1_000_003 + prefixIndex);
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
    int h = mix(peer * 7919 + origin);
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

  private ByteBuf update(byte[] attributes, ByteBuf nlri, boolean ipv6) {
    ByteBuf b = Unpooled.buffer(MAX_UPDATE);
    b.writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}).writeShort(0).writeByte(2);
    b.writeShort(0);
    int attrLengthAt = b.writerIndex();
    b.writeShort(0);
    b.writeBytes(attributes);
    if (ipv6) {
      int mpLength = 2 + 1 + 1 + 16 + 1 + nlri.readableBytes();
      b.writeByte(0x90).writeByte(14).writeShort(mpLength).writeShort(2).writeByte(1).writeByte(16);
      b.writeLong(0x2001_0DB8_FFFF_0000L).writeLong(peer + 1).writeByte(0);
      b.writeBytes(nlri, nlri.readerIndex(), nlri.readableBytes());
      b.setShort(attrLengthAt, b.writerIndex() - attrLengthAt - 2);
    } else {
      b.setShort(attrLengthAt, attributes.length);
      b.writeBytes(nlri, nlri.readerIndex(), nlri.readableBytes());
    }
    b.setShort(16, b.readableBytes());
    return b;
  }

  private static int mix(int x) {
    x ^= x >>> 16;
    x *= 0x7feb352d;
    x ^= x >>> 15;
    x *= 0x846ca68b;
    return x ^ (x >>> 16);
  }

  private static int[] transitPool() {
    int[] pool = {3356, 1299, 174, 2914, 6939, 6453, 3257, 6762, 1273, 6461, 3491, 5511, 4637, 7018, 9002,
        12956, 6830, 4134, 7473, 2828, 3320, 1239, 701, 209, 3549, 6830, 20485, 31133, 8359, 9498};
    return pool;
  }
}
