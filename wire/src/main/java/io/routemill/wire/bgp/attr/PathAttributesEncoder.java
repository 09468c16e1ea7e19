package io.routemill.wire.bgp.attr;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.NlriEncoder;
import io.routemill.wire.bgp.Route;
import java.util.List;

/**
 * Writes path attributes (RFC 4271 §4.3). Each attribute keeps the flags it carries, except the Extended Length
 * bit, which is set whenever the value exceeds 255 bytes (and kept if it was already set, for byte-exact
 * re-encoding). AS_PATH and AGGREGATOR use 2- or 4-octet AS numbers per the context; in 2-octet form an AS above
 * 65535 is written as AS_TRANS (RFC 6793 §4.2.2; adding AS4_PATH/AS4_AGGREGATOR is the caller's business), and
 * segments longer than 255 AS numbers are split. MP NLRI carry path ids iff the context has ADD-PATH for the
 * family. The value length is computed first so each attribute is written in one pass.
 */
public final class PathAttributesEncoder {
  private static final long AS_TRANS = 23456;

  private PathAttributesEncoder() {}

  public static void write(ByteBuf out, PathAttributes attributes, DecodeContext ctx, AttributeForm form) {
    write(out, attributes.all(), ctx, form);
  }

  public static void write(ByteBuf out, List<PathAttribute> attributes, DecodeContext ctx, AttributeForm form) {
    for (int i = 0, n = attributes.size(); i < n; i++) write(out, attributes.get(i), ctx, form);
  }

  /** Writes one attribute: flags, type, 1- or 2-byte length, value. */
  public static void write(ByteBuf out, PathAttribute a, DecodeContext ctx, AttributeForm form) {
    int len = valueLength(a, ctx, form);
    if (len > 0xFFFF) throw new IllegalArgumentException("attribute " + a.typeCode() + " of " + len + " bytes");
    boolean ext = len > 255 || (a.flags() & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
    int flags = (a.flags() & ~PathAttribute.FLAG_EXTENDED_LENGTH) | (ext ? PathAttribute.FLAG_EXTENDED_LENGTH : 0);
    out.writeByte(flags).writeByte(a.typeCode());
    if (ext) out.writeShort(len); else out.writeByte(len);
    writeValue(out, a, ctx, form);
  }

  static int valueLength(PathAttribute a, DecodeContext ctx, AttributeForm form) {
    int as = ctx.fourOctetAs() ? 4 : 2;
    if (a instanceof Attr01Origin) return 1;
    if (a instanceof Attr02AsPath p) return pathLength(p.segments(), as);
    if (a instanceof Attr17As4Path p) return pathLength(p.segments(), 4);
    if (a instanceof Attr03NextHop n) return n.address().length;
    if (a instanceof Attr04Med || a instanceof Attr05LocalPref || a instanceof Attr35OnlyToCustomer) return 4;
    if (a instanceof Attr06AtomicAggregate) return 0;
    if (a instanceof Attr07Aggregator g) return as + g.address().length;
    if (a instanceof Attr18As4Aggregator g) return 4 + g.address().length;
    if (a instanceof Attr08Communities c) return 4 * c.values().length;
    if (a instanceof Attr09OriginatorId o) return o.id().length;
    if (a instanceof Attr10ClusterList c) return 4 * c.ids().length;
    if (a instanceof Attr16ExtendedCommunities c) return 8 * c.values().length;
    if (a instanceof Attr32LargeCommunities c) return 4 * c.values().length;
    if (a instanceof Attr26Aigp) return 11;
    if (a instanceof Attr14MpReach r) {
      if (form == AttributeForm.MRT_RIB_ENTRY) return 1 + r.nextHop().length;
      return 5 + r.nextHop().length + nlriLength(r.family(), r.routes(), r.rawNlri(), ctx);
    }
    if (a instanceof Attr15MpUnreach u) return 3 + nlriLength(u.family(), u.routes(), u.rawNlri(), ctx);
    return ((UnknownAttribute) a).value().length;
  }

  private static int nlriLength(AfiSafi family, List<Route> routes,
      byte[] raw, DecodeContext ctx) {
    return raw != null ? raw.length : NlriEncoder.length(routes, ctx.addPath(family));
  }

  private static int pathLength(List<AsPathSegment> segments, int asSize) {
    int len = 0;
    for (AsPathSegment s : segments) {
      int n = s.asns().length;
      int pieces = Math.max(1, (n + 254) / 255);
      len += 2 * pieces + asSize * n;
    }
    return len;
  }

  private static void writeValue(ByteBuf out, PathAttribute a, DecodeContext ctx, AttributeForm form) {
    boolean as4 = ctx.fourOctetAs();
    if (a instanceof Attr01Origin o) {
      out.writeByte(o.origin());
    } else if (a instanceof Attr02AsPath p) {
      writePath(out, p.segments(), as4);
    } else if (a instanceof Attr17As4Path p) {
      writePath(out, p.segments(), true);
    } else if (a instanceof Attr03NextHop n) {
      out.writeBytes(n.address());
    } else if (a instanceof Attr04Med m) {
      out.writeInt((int) m.value());
    } else if (a instanceof Attr05LocalPref l) {
      out.writeInt((int) l.value());
    } else if (a instanceof Attr35OnlyToCustomer o) {
      out.writeInt((int) o.asn());
    } else if (a instanceof Attr07Aggregator g) {
      writeAs(out, g.asn(), as4);
      out.writeBytes(g.address());
    } else if (a instanceof Attr18As4Aggregator g) {
      out.writeInt((int) g.asn());
      out.writeBytes(g.address());
    } else if (a instanceof Attr08Communities c) {
      for (int v : c.values()) out.writeInt(v);
    } else if (a instanceof Attr09OriginatorId o) {
      out.writeBytes(o.id());
    } else if (a instanceof Attr10ClusterList c) {
      for (int v : c.ids()) out.writeInt(v);
    } else if (a instanceof Attr16ExtendedCommunities c) {
      for (long v : c.values()) out.writeLong(v);
    } else if (a instanceof Attr32LargeCommunities c) {
      for (int v : c.values()) out.writeInt(v);
    } else if (a instanceof Attr26Aigp g) {
      out.writeByte(1).writeShort(11).writeLong(g.metric());
    } else if (a instanceof Attr14MpReach r) {
      if (form == AttributeForm.MRT_RIB_ENTRY) {
        out.writeByte(r.nextHop().length).writeBytes(r.nextHop());
        return;
      }
      out.writeShort(r.family().afi()).writeByte(r.family().safi());
      out.writeByte(r.nextHop().length).writeBytes(r.nextHop()).writeByte(0);
      writeNlri(out, r.family(), r.routes(), r.rawNlri(), ctx);
    } else if (a instanceof Attr15MpUnreach u) {
      out.writeShort(u.family().afi()).writeByte(u.family().safi());
      writeNlri(out, u.family(), u.routes(), u.rawNlri(), ctx);
    } else if (a instanceof UnknownAttribute u) {
      out.writeBytes(u.value());
    }
  }

  private static void writeNlri(ByteBuf out, AfiSafi family,
      List<Route> routes, byte[] raw, DecodeContext ctx) {
    if (raw != null) out.writeBytes(raw);
    else NlriEncoder.write(out, routes, ctx.addPath(family));
  }

  private static void writePath(ByteBuf out, List<AsPathSegment> segments, boolean as4) {
    for (AsPathSegment s : segments) {
      long[] asns = s.asns();
      int i = 0;
      do {
        int n = Math.min(255, asns.length - i);
        out.writeByte(s.type()).writeByte(n);
        for (int k = 0; k < n; k++) writeAs(out, asns[i + k], as4);
        i += n;
      } while (i < asns.length);
    }
  }

  private static void writeAs(ByteBuf out, long asn, boolean as4) {
    if (as4) out.writeInt((int) asn);
    else out.writeShort(asn > 0xFFFF ? (int) AS_TRANS : (int) asn);
  }
}
