package io.routemill.wire.bmp;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.WireText;
import java.util.Arrays;
import java.util.Objects;

/**
 * The per-peer header (RFC 7854 §4.2) of Route Monitoring, Statistics, Peer Down/Up and Route Mirroring messages.
 *
 * <p>Peer types: 0 global instance, 1 RD instance, 2 local instance, 3 Loc-RIB instance (RFC 9069 §4.1). The
 * flag bits mean different things per type: for types 0-2 V (0x80, IPv6 address), L (0x40, post-policy),
 * A (0x20, legacy 2-octet AS_PATH) and O (0x10, Adj-RIB-Out, RFC 8671 §4); for type 3 only F (0x80, the
 * Loc-RIB is filtered, RFC 9069 §4.2). Unknown peer types are read with the type 0-2 meanings.
 *
 * <p>{@code address} is always the 16-byte wire field (an IPv4 address in the last 4 bytes); the canonical
 * constructor also accepts a 4-byte IPv4 address and pads it. AS, BGP ID and timestamps are unsigned 32-bit
 * values in longs. Do not modify {@code address}.
 */
public record PeerHeader(int peerType, int flags, long distinguisher, byte[] address, long asn, long bgpId,
    long timestampSeconds, long timestampMicros) {
  public static final int GLOBAL_INSTANCE = 0;
  public static final int RD_INSTANCE = 1;
  public static final int LOCAL_INSTANCE = 2;
  public static final int LOC_RIB_INSTANCE = 3;

  public static final int FLAG_V = 0x80;
  public static final int FLAG_L = 0x40;
  public static final int FLAG_A = 0x20;
  public static final int FLAG_O = 0x10;
  /** Loc-RIB (peer type 3) only. */
  public static final int FLAG_F = 0x80;

  public PeerHeader {
    if (peerType < 0 || peerType > 255 || flags < 0 || flags > 255) {
      throw new IllegalArgumentException("peer type/flags out of range: " + peerType + "/" + flags);
    }
    if (address.length == 4) {
      byte[] padded = new byte[16];
      System.arraycopy(address, 0, padded, 12, 4);
      address = padded;
    } else if (address.length != 16) {
      throw new IllegalArgumentException("peer address of " + address.length + " bytes");
    }
  }

  static PeerHeader read(ByteBuf buf) {
    int type = buf.readUnsignedByte();
    int flags = buf.readUnsignedByte();
    long rd = buf.readLong();
    byte[] addr = new byte[16];
    buf.readBytes(addr);
    return new PeerHeader(type, flags, rd, addr, buf.readUnsignedInt(), buf.readUnsignedInt(), buf.readUnsignedInt(),
        buf.readUnsignedInt());
  }

  void write(ByteBuf out) {
    out.writeByte(peerType).writeByte(flags).writeLong(distinguisher).writeBytes(address)
        .writeInt((int) asn).writeInt((int) bgpId).writeInt((int) timestampSeconds).writeInt((int) timestampMicros);
  }

  public boolean isLocRib() {
    return peerType == LOC_RIB_INSTANCE;
  }

  /** V flag: the peer address (and the Peer Up local address) is IPv6. Never set for Loc-RIB. */
  public boolean isIpv6() {
    return !isLocRib() && (flags & FLAG_V) != 0;
  }

  /** L flag: post-policy Adj-RIB-In (or, with O, post-policy Adj-RIB-Out). */
  public boolean isPostPolicy() {
    return !isLocRib() && (flags & FLAG_L) != 0;
  }

  /** A flag: the AS_PATH of the BGP PDUs is in the legacy 2-octet format (RFC 7854 §4.2). */
  public boolean isLegacyAsPath() {
    return !isLocRib() && (flags & FLAG_A) != 0;
  }

  /** O flag (RFC 8671 §4): the messages are the router's Adj-RIB-Out towards the peer, not its Adj-RIB-In. */
  public boolean isAdjRibOut() {
    return !isLocRib() && (flags & FLAG_O) != 0;
  }

  /** F flag (RFC 9069 §4.2): the Loc-RIB is filtered. */
  public boolean isFiltered() {
    return isLocRib() && (flags & FLAG_F) != 0;
  }

  /** The peer address: 4 bytes unless the V flag is set. */
  public byte[] peerAddress() {
    return isIpv6() ? address.clone() : Arrays.copyOfRange(address, 12, 16);
  }

  public PeerKey key() {
    return new PeerKey(peerType, distinguisher, isIpv6(), longAt(0), longAt(8));
  }

  private long longAt(int off) {
    long v = 0;
    for (int i = off; i < off + 8; i++) v = (v << 8) | (address[i] & 0xFF);
    return v;
  }

  public PeerHeader withFlags(int newFlags) {
    return new PeerHeader(peerType, newFlags, distinguisher, address, asn, bgpId, timestampSeconds, timestampMicros);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerHeader p && p.peerType == peerType && p.flags == flags && p.distinguisher == distinguisher
        && Arrays.equals(p.address, address) && p.asn == asn && p.bgpId == bgpId
        && p.timestampSeconds == timestampSeconds && p.timestampMicros == timestampMicros;
  }

  @Override
  public int hashCode() {
    return Objects.hash(peerType, flags, distinguisher, Arrays.hashCode(address), asn, bgpId, timestampSeconds,
        timestampMicros);
  }

  @Override
  public String toString() {
    return "Peer[type=" + peerType + ", flags=0x" + Integer.toHexString(flags) + ", rd=" + distinguisher + ", "
        + IpAddresses.format(peerAddress()) + ", AS" + asn + ", id=" + WireText.bgpId(bgpId)
        + ", t=" + timestampSeconds + "." + String.format("%06d", timestampMicros) + "]";
  }
}
