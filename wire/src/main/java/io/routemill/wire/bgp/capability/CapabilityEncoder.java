package io.routemill.wire.bgp.capability;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes capabilities as code (1), length (1), value (RFC 5492 §4). */
public final class CapabilityEncoder {
  private CapabilityEncoder() {}

  /** Writes one capability TLV; throws {@link IllegalArgumentException} if its value exceeds 255 bytes. */
  public static void write(ByteBuf out, Capability cap) {
    int start = out.writerIndex();
    out.writeByte(cap.code());
    out.writeByte(0);
    writeValue(out, cap);
    int len = out.writerIndex() - start - 2;
    if (len > 255) {
      out.writerIndex(start);
      throw new IllegalArgumentException("capability " + cap.code() + " value of " + len + " bytes");
    }
    out.setByte(start + 1, len);
  }

  private static void writeValue(ByteBuf out, Capability cap) {
    if (cap instanceof MultiprotocolCapability c) {
      out.writeShort(c.family().afi()).writeByte(0).writeByte(c.family().safi());
    } else if (cap instanceof RoleCapability c) {
      out.writeByte(c.role());
    } else if (cap instanceof FourOctetAsCapability c) {
      out.writeInt((int) c.asn());
    } else if (cap instanceof ExtendedNextHopCapability c) {
      for (ExtendedNextHopCapability.Entry e : c.entries()) {
        out.writeShort(e.nlriAfi()).writeShort(e.nlriSafi()).writeShort(e.nextHopAfi());
      }
    } else if (cap instanceof GracefulRestartCapability c) {
      out.writeShort((c.restartFlags() << 12) | (c.restartTime() & 0x0FFF));
      for (GracefulRestartCapability.Family f : c.families()) {
        out.writeShort(f.family().afi()).writeByte(f.family().safi()).writeByte(f.flags());
      }
    } else if (cap instanceof AddPathCapability c) {
      for (AddPathCapability.Entry e : c.entries()) {
        out.writeShort(e.family().afi()).writeByte(e.family().safi()).writeByte(e.sendReceive());
      }
    } else if (cap instanceof LongLivedGracefulRestartCapability c) {
      for (LongLivedGracefulRestartCapability.Family f : c.families()) {
        out.writeShort(f.family().afi()).writeByte(f.family().safi()).writeByte(f.flags())
            .writeMedium(f.staleTime());
      }
    } else if (cap instanceof FqdnCapability c) {
      byte[] host = c.hostname().getBytes(StandardCharsets.UTF_8);
      byte[] domain = c.domain().getBytes(StandardCharsets.UTF_8);
      if (host.length > 255 || domain.length > 255) throw new IllegalArgumentException("FQDN part over 255 bytes");
      out.writeByte(host.length).writeBytes(host).writeByte(domain.length).writeBytes(domain);
    } else if (cap instanceof UnknownCapability c) {
      out.writeBytes(c.value());
    }
    // RouteRefresh, ExtendedMessage, EnhancedRouteRefresh: empty value.
  }
}
