package io.routemill.wire.bgp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import io.routemill.wire.bgp.attr.AttributeForm;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributesEncoder;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.CapabilityEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes BGP messages (RFC 4271 §4). Encoders, unlike decoders, reject what cannot be sent
 * ({@link IllegalArgumentException}: a message over the context's maximum length, a value that does not fit its
 * field); on failure nothing is left in {@code out}. Decoded messages can be re-encoded from their fields with
 * {@link #write(ByteBuf, BgpMessage, DecodeContext)}; archiving should use {@link BgpMessage#raw()} instead.
 */
public final class BgpMessageEncoder {
  private static final byte[] MARKER = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};

  private BgpMessageEncoder() {}

  /** Re-encodes a message from its fields; {@link UnknownMessage} and {@link InvalidMessage} are written raw. */
  public static void write(ByteBuf out, BgpMessage m, DecodeContext ctx) {
    if (m instanceof Open o) {
      writeOpen(out, o.version(), o.myAs(), o.holdTime(), o.bgpId(), o.capabilities(), o.otherParams());
    } else if (m instanceof Update u) {
      writeUpdate(out, u.withdrawn(), u.attributes().all(), u.announced(), ctx);
    } else if (m instanceof Notification n) {
      writeNotification(out, n.code(), n.subcode(), n.data());
    } else if (m instanceof Keepalive) {
      writeKeepalive(out);
    } else if (m instanceof RouteRefresh r) {
      writeRouteRefresh(out, r.afi(), r.subtype(), r.safi(), r.orfEntries());
    } else {
      out.writeBytes(m.raw());
    }
  }

  /** Encodes into a fresh array. */
  public static byte[] toBytes(BgpMessage m, DecodeContext ctx) {
    ByteBuf out = Unpooled.buffer(256);
    try {
      write(out, m, ctx);
      byte[] b = new byte[out.readableBytes()];
      out.readBytes(b);
      return b;
    } finally {
      out.release();
    }
  }

  /**
   * OPEN with the given capabilities, one per Capabilities parameter (RFC 5492 §4). {@code myAs} is the real
   * AS; above 65535 the 2-octet field gets AS_TRANS (RFC 6793 §4.1) and the caller includes a
   * FourOctetAsCapability. Optional parameters over 255 bytes switch to the RFC 9072 extended format.
   */
  public static void writeOpen(ByteBuf out, int version, long myAs, int holdTime, long bgpId,
      List<Capability> capabilities, List<OptionalParameter> otherParams) {
    int start = header(out, BgpMessage.TYPE_OPEN);
    try {
      out.writeByte(version);
      out.writeShort(myAs > 0xFFFF ? Open.AS_TRANS : (int) myAs);
      out.writeShort(holdTime).writeInt((int) bgpId);
      int lenAt = out.writerIndex();
      out.writeByte(0);
      int paramsAt = out.writerIndex();
      writeParams(out, capabilities, otherParams, false);
      int len = out.writerIndex() - paramsAt;
      if (len > 255) {
        // RFC 9072 §2: 255, then parameter type 255 and a 2-byte length, and 2-byte parameter lengths.
        out.writerIndex(lenAt);
        out.writeByte(255).writeByte(255).writeShort(0);
        int extAt = out.writerIndex();
        writeParams(out, capabilities, otherParams, true);
        out.setShort(extAt - 2, out.writerIndex() - extAt);
      } else {
        out.setByte(lenAt, len);
      }
      finish(out, start, BgpMessage.MAX_LENGTH);
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  /** Builds an {@link Open} record (with its raw bytes) for version 4, e.g. to pass to {@link SessionCapabilities}. */
  public static Open open(long myAs, int holdTime, long bgpId, List<Capability> capabilities) {
    ByteBuf out = Unpooled.buffer(64);
    try {
      writeOpen(out, 4, myAs, holdTime, bgpId, capabilities, List.of());
      return (Open) BgpMessageDecoder.decode(out, DecodeContext.DEFAULT);
    } finally {
      out.release();
    }
  }

  // One capability per Capabilities parameter, as Cisco, Juniper, BIRD and Quagga send them: RFC 5492 §4 allows
  // several per parameter, but some old speakers read only the first; this also makes their OPENs re-encode exactly.
  private static void writeParams(ByteBuf out, List<Capability> caps, List<OptionalParameter> others, boolean ext) {
    for (Capability c : caps) {
      out.writeByte(OptionalParameter.CAPABILITIES);
      int lenAt = out.writerIndex();
      if (ext) out.writeShort(0); else out.writeByte(0);
      CapabilityEncoder.write(out, c);
      int len = out.writerIndex() - lenAt - (ext ? 2 : 1);
      if (ext) out.setShort(lenAt, len); else out.setByte(lenAt, len);
    }
    for (OptionalParameter p : others) {
      if (!ext && p.value().length > 255) throw new IllegalArgumentException("optional parameter over 255 bytes");
      out.writeByte(p.type());
      if (ext) out.writeShort(p.value().length); else out.writeByte(p.value().length);
      out.writeBytes(p.value());
    }
  }

  /**
   * UPDATE with IPv4 withdrawn routes, attributes (MP_REACH/MP_UNREACH among them for other families) and IPv4
   * NLRI; path ids are written iff the context has ADD-PATH for IPv4 unicast.
   */
  public static void writeUpdate(ByteBuf out, List<Route> withdrawn, List<PathAttribute> attributes,
      List<Route> announced, DecodeContext ctx) {
    int start = header(out, BgpMessage.TYPE_UPDATE);
    try {
      boolean addPath = ctx.addPath(AfiSafi.IPV4_UNICAST);
      int wAt = out.writerIndex();
      out.writeShort(0);
      NlriEncoder.write(out, withdrawn, addPath);
      out.setShort(wAt, out.writerIndex() - wAt - 2);
      int aAt = out.writerIndex();
      out.writeShort(0);
      PathAttributesEncoder.write(out, attributes, ctx, AttributeForm.UPDATE);
      out.setShort(aAt, out.writerIndex() - aAt - 2);
      NlriEncoder.write(out, announced, addPath);
      finish(out, start, ctx.maxMessageLength());
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  /** The End-of-RIB marker of RFC 4724 §2 for {@code family}. */
  public static void writeEndOfRib(ByteBuf out, AfiSafi family, DecodeContext ctx) {
    List<PathAttribute> attrs = family.equals(AfiSafi.IPV4_UNICAST) ? List.of()
        : List.of(new Attr15MpUnreach(family, List.of(), null));
    writeUpdate(out, List.of(), attrs, List.of(), ctx);
  }

  public static void writeNotification(ByteBuf out, int code, int subcode, byte[] data) {
    int start = header(out, BgpMessage.TYPE_NOTIFICATION);
    out.writeByte(code).writeByte(subcode).writeBytes(data);
    try {
      finish(out, start, BgpMessage.MAX_LENGTH);
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  /**
   * The data of a Cease / Administrative Shutdown or Reset NOTIFICATION carrying a shutdown communication
   * (RFC 9003 §2): a length byte and at most 255 bytes of UTF-8, truncated on a character boundary.
   */
  public static byte[] shutdownCommunicationData(String message) {
    byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
    int len = Math.min(utf8.length, 255);
    while (len < utf8.length && len > 0 && (utf8[len] & 0xC0) == 0x80) len--;
    byte[] data = new byte[1 + len];
    data[0] = (byte) len;
    System.arraycopy(utf8, 0, data, 1, len);
    return data;
  }

  public static void writeKeepalive(ByteBuf out) {
    int start = header(out, BgpMessage.TYPE_KEEPALIVE);
    finish(out, start, BgpMessage.MAX_LENGTH);
  }

  /** ROUTE-REFRESH (RFC 2918 §3) with the RFC 7313 subtype (0 normal, 1 BoRR, 2 EoRR). */
  public static void writeRouteRefresh(ByteBuf out, int afi, int subtype, int safi) {
    writeRouteRefresh(out, afi, subtype, safi, new byte[0]);
  }

  /** ROUTE-REFRESH followed by already-encoded RFC 5291 ORF entries (subtype 0 only). */
  public static void writeRouteRefresh(ByteBuf out, int afi, int subtype, int safi, byte[] orfEntries) {
    int start = header(out, BgpMessage.TYPE_ROUTE_REFRESH);
    out.writeShort(afi).writeByte(subtype).writeByte(safi).writeBytes(orfEntries);
    try {
      finish(out, start, BgpMessage.MAX_LENGTH);
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  private static int header(ByteBuf out, int type) {
    int start = out.writerIndex();
    out.writeBytes(MARKER).writeShort(0).writeByte(type);
    return start;
  }

  private static void finish(ByteBuf out, int start, int max) {
    int len = out.writerIndex() - start;
    if (len > max) throw new IllegalArgumentException("message of " + len + " bytes exceeds " + max);
    out.setShort(start + BgpMessage.MARKER_LENGTH, len);
  }
}
