package io.routemill.wire.bgp.capability;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.AfiSafi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one capability value (RFC 5492 §4). The caller has already checked that {@code length} bytes are
 * present. Values whose length does not fit the capability's layout become {@link UnknownCapability}: an
 * OPEN is negotiated by the session layer, which decides how strict to be; the decoder only never loses data.
 */
public final class CapabilityDecoder {
  private CapabilityDecoder() {}

  /** Decodes the capability with {@code code} whose value is {@code buf[index, index + length)}. */
  public static Capability decode(ByteBuf buf, int index, int code, int length) {
    Capability c = decodeKnown(buf, index, code, length);
    if (c != null) return c;
    byte[] value = new byte[length];
    buf.getBytes(index, value);
    return new UnknownCapability(code, value);
  }

  private static Capability decodeKnown(ByteBuf buf, int i, int code, int len) {
    switch (code) {
      case Capability.MULTIPROTOCOL:
        return len == 4 ? new MultiprotocolCapability(family(buf, i, buf.getUnsignedByte(i + 3))) : null;
      case Capability.ROUTE_REFRESH:
        return len == 0 ? new RouteRefreshCapability() : null;
      case Capability.EXTENDED_MESSAGE:
        return len == 0 ? new ExtendedMessageCapability() : null;
      case Capability.ENHANCED_ROUTE_REFRESH:
        return len == 0 ? new EnhancedRouteRefreshCapability() : null;
      case Capability.ROLE:
        return len == 1 ? new RoleCapability(buf.getUnsignedByte(i)) : null;
      case Capability.FOUR_OCTET_AS:
        return len == 4 ? new FourOctetAsCapability(buf.getUnsignedInt(i)) : null;
      case Capability.EXTENDED_NEXT_HOP:
        return extendedNextHop(buf, i, len);
      case Capability.GRACEFUL_RESTART:
        return gracefulRestart(buf, i, len);
      case Capability.ADD_PATH:
        return addPath(buf, i, len);
      case Capability.LONG_LIVED_GRACEFUL_RESTART:
        return longLivedGracefulRestart(buf, i, len);
      case Capability.FQDN:
        return fqdn(buf, i, len);
      default:
        return null;
    }
  }

  private static AfiSafi family(ByteBuf buf, int i, int safi) {
    return AfiSafi.of(buf.getUnsignedShort(i), safi);
  }

  private static Capability extendedNextHop(ByteBuf buf, int i, int len) {
    if (len % 6 != 0) return null;
    List<ExtendedNextHopCapability.Entry> entries = new ArrayList<>(len / 6);
    for (int p = i; p < i + len; p += 6) {
      entries.add(new ExtendedNextHopCapability.Entry(
          buf.getUnsignedShort(p), buf.getUnsignedShort(p + 2), buf.getUnsignedShort(p + 4)));
    }
    return new ExtendedNextHopCapability(entries);
  }

  private static Capability gracefulRestart(ByteBuf buf, int i, int len) {
    if (len < 2 || (len - 2) % 4 != 0) return null;
    int head = buf.getUnsignedShort(i);
    List<GracefulRestartCapability.Family> families = new ArrayList<>((len - 2) / 4);
    for (int p = i + 2; p < i + len; p += 4) {
      families.add(new GracefulRestartCapability.Family(
          family(buf, p, buf.getUnsignedByte(p + 2)), buf.getUnsignedByte(p + 3)));
    }
    return new GracefulRestartCapability(head >>> 12, head & 0x0FFF, families);
  }

  private static Capability addPath(ByteBuf buf, int i, int len) {
    if (len % 4 != 0) return null;
    List<AddPathCapability.Entry> entries = new ArrayList<>(len / 4);
    for (int p = i; p < i + len; p += 4) {
      entries.add(new AddPathCapability.Entry(
          family(buf, p, buf.getUnsignedByte(p + 2)), buf.getUnsignedByte(p + 3)));
    }
    return new AddPathCapability(entries);
  }

  private static Capability longLivedGracefulRestart(ByteBuf buf, int i, int len) {
    if (len % 7 != 0) return null;
    List<LongLivedGracefulRestartCapability.Family> families = new ArrayList<>(len / 7);
    for (int p = i; p < i + len; p += 7) {
      families.add(new LongLivedGracefulRestartCapability.Family(
          family(buf, p, buf.getUnsignedByte(p + 2)), buf.getUnsignedByte(p + 3), buf.getUnsignedMedium(p + 4)));
    }
    return new LongLivedGracefulRestartCapability(families);
  }

  private static Capability fqdn(ByteBuf buf, int i, int len) {
    if (len < 1) return null;
    int hostLen = buf.getUnsignedByte(i);
    // Some implementations omit the domain part entirely; accept that as an empty domain.
    if (1 + hostLen > len) return null;
    String host = buf.toString(i + 1, hostLen, StandardCharsets.UTF_8);
    int d = i + 1 + hostLen;
    if (d == i + len) return new FqdnCapability(host, "");
    int domainLen = buf.getUnsignedByte(d);
    if (d + 1 + domainLen != i + len) return null;
    return new FqdnCapability(host, buf.toString(d + 1, domainLen, StandardCharsets.UTF_8));
  }
}
