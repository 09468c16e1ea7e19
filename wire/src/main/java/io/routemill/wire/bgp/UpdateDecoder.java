package io.routemill.wire.bgp;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.attr.AttributeForm;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.wire.bgp.attr.PathAttributesDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * UPDATE body (RFC 4271 §4.3): withdrawn routes length + withdrawn routes, total path attribute length +
 * attributes, NLRI to the end. If the two length fields do not fit in the message the fields cannot be
 * located: "Malformed Attribute List", session reset (RFC 4271 §6.3, kept by RFC 7606 §4), and the message
 * is returned with what could be read. IPv4 NLRI and withdrawn routes carry path ids iff the context has
 * ADD-PATH for IPv4 unicast.
 */
final class UpdateDecoder {
  private UpdateDecoder() {}

  /** {@code start} is the index of the marker; the message is {@code length} (>= 23) bytes. */
  static Update decode(ByteBuf buf, int start, int length, DecodeContext ctx, byte[] raw) {
    int end = start + length;
    boolean addPath = ctx.addPath(AfiSafi.IPV4_UNICAST);
    List<BgpError> warnings = new ArrayList<>(0);
    int withdrawnLen = buf.getUnsignedShort(start + 19);
    int w = start + 21;
    if (withdrawnLen > end - w - 2) {
      warnings.add(malformedList(19, "withdrawn routes length " + withdrawnLen + " overruns the message"));
      return new Update(List.of(), PathAttributes.EMPTY, List.of(), warnings, raw);
    }
    List<Route> withdrawn = withdrawnLen == 0 ? List.of() : new ArrayList<>(Math.min(64, withdrawnLen / 3 + 1));
    if (withdrawnLen > 0) {
      NlriDecoder.decode(buf, w, withdrawnLen, AfiSafi.AFI_IPV4, addPath, Rfc7606Action.SESSION_RESET,
          w - start, withdrawn, warnings);
    }
    int a = w + withdrawnLen;
    int attrLen = buf.getUnsignedShort(a);
    int attrStart = a + 2;
    if (attrLen > end - attrStart) {
      warnings.add(malformedList(a - start, "total path attribute length " + attrLen + " overruns the message"));
      return new Update(withdrawn, PathAttributes.EMPTY, List.of(), warnings, raw);
    }
    int nlri = attrStart + attrLen;
    int nlriLen = end - nlri;
    int savedReader = buf.readerIndex();
    buf.readerIndex(attrStart);
    PathAttributes attrs = PathAttributesDecoder.decode(buf, attrLen, ctx, AttributeForm.UPDATE,
        attrStart - start, nlriLen > 0);
    buf.readerIndex(savedReader);
    warnings.addAll(attrs.warnings());
    List<Route> announced = nlriLen == 0 ? List.of() : new ArrayList<>(Math.min(64, nlriLen / 3 + 1));
    if (nlriLen > 0) {
      NlriDecoder.decode(buf, nlri, nlriLen, AfiSafi.AFI_IPV4, addPath, Rfc7606Action.SESSION_RESET,
          nlri - start, announced, warnings);
    }
    return new Update(withdrawn, attrs, announced, warnings, raw);
  }

  private static BgpError malformedList(int offset, String reason) {
    return new BgpError(BgpError.UPDATE_MESSAGE_ERROR, BgpError.MALFORMED_ATTRIBUTE_LIST,
        Rfc7606Action.SESSION_RESET, offset, reason);
  }
}
