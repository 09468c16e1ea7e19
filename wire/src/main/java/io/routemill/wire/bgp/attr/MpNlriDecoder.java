package io.routemill.wire.bgp.attr;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import java.util.List;

/**
 * MP_REACH_NLRI / MP_UNREACH_NLRI values (RFC 4760 §3, §4) and the abbreviated MRT RIB-entry MP_REACH
 * (RFC 6396 §4.3.4).
 *
 * <p>Errors (RFC 7606 §7.11, §5.3; RFC 4760 §7): too short to hold AFI/SAFI means the family is unknown and
 * only a session reset is possible. Once AFI/SAFI are read, a next hop of the wrong length or running past the
 * attribute, or incorrect NLRI, is "AFI/SAFI disable". Routes parsed before an NLRI error are kept in the
 * attribute so that a consumer can withdraw them.
 */
final class MpNlriDecoder {
  private MpNlriDecoder() {}

  static PathAttribute reach(PathAttributesDecoder d, int flags, int v, int len) {
    ByteBuf buf = d.buf();
    if (d.form() == AttributeForm.MRT_RIB_ENTRY && len >= 1 && buf.getUnsignedByte(v) + 1 == len) {
      return abbreviated(d, flags, v, len);
    }
    if (len < 3) return d.error(Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "MP_REACH_NLRI length " + len);
    AfiSafi family = AfiSafi.of(buf.getUnsignedShort(v), buf.getUnsignedByte(v + 2));
    if (len < 5) return disable(d, "MP_REACH_NLRI length " + len + " for " + family);
    int nhLen = buf.getUnsignedByte(v + 3);
    if (4 + nhLen + 1 > len) {
      return disable(d, "MP_REACH_NLRI next hop of " + nhLen + " bytes overruns the attribute");
    }
    if (family.isIpPrefixFamily() && !nextHopLengthOk(family.afi(), nhLen)) {
      return disable(d, "MP_REACH_NLRI next hop of " + nhLen + " bytes for " + family);
    }
    byte[] nextHop = d.bytes(v + 4, nhLen);
    // v + 4 + nhLen is the reserved byte (the old SNPA count, RFC 4760 §3: ignored on receipt).
    int nlri = v + 4 + nhLen + 1;
    int nlriLen = v + len - nlri;
    if (!PathAttributesDecoder.isDecodedFamily(family)) {
      return new Attr14MpReach(flags, family, nextHop, List.of(), d.bytes(nlri, nlriLen));
    }
    List<Route> routes = PathAttributesDecoder.newRouteList(nlriLen, family.afi());
    PathAttributesDecoder.decodeNlri(d, nlri, nlriLen, family, routes);
    return new Attr14MpReach(flags, family, nextHop, routes, null);
  }

  static PathAttribute unreach(PathAttributesDecoder d, int flags, int v, int len) {
    ByteBuf buf = d.buf();
    if (len < 3) return d.error(Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "MP_UNREACH_NLRI length " + len);
    AfiSafi family = AfiSafi.of(buf.getUnsignedShort(v), buf.getUnsignedByte(v + 2));
    int nlri = v + 3;
    int nlriLen = len - 3;
    if (!PathAttributesDecoder.isDecodedFamily(family)) {
      return new Attr15MpUnreach(flags, family, List.of(), d.bytes(nlri, nlriLen));
    }
    List<Route> routes = nlriLen == 0 ? List.of() : PathAttributesDecoder.newRouteList(nlriLen, family.afi());
    if (nlriLen > 0) PathAttributesDecoder.decodeNlri(d, nlri, nlriLen, family, routes);
    return new Attr15MpUnreach(flags, family, routes, null);
  }

  /** RFC 6396 §4.3.4: next-hop length and next hop only; the RIB record header carries AFI/SAFI and prefix. */
  private static PathAttribute abbreviated(PathAttributesDecoder d, int flags, int v, int len) {
    int nhLen = len - 1;
    int afi = switch (nhLen) {
      case 4, 12 -> AfiSafi.AFI_IPV4; // IPv4, RD + IPv4
      case 16, 32, 24, 48 -> AfiSafi.AFI_IPV6; // IPv6 (+ link-local), RD + IPv6 (+ link-local)
      default -> 0;
    };
    AfiSafi family = afi == 0 ? new AfiSafi(0, 0) : AfiSafi.of(afi, AfiSafi.SAFI_UNICAST);
    return new Attr14MpReach(flags, family, d.bytes(v + 1, nhLen), List.of(), null);
  }

  /** RFC 4760 §3 / RFC 2545 §3 / RFC 8950 §3: 4 for IPv4 (16 or 32 with extended next hop), 16 or 32 for IPv6. */
  private static boolean nextHopLengthOk(int afi, int nhLen) {
    return nhLen == 16 || nhLen == 32 || (afi == AfiSafi.AFI_IPV4 && nhLen == 4);
  }

  private static PathAttribute disable(PathAttributesDecoder d, String reason) {
    return d.error(Rfc7606Action.AFI_SAFI_DISABLE, BgpError.OPTIONAL_ATTRIBUTE_ERROR, reason);
  }
}
