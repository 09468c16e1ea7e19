package io.routemill.wire.bgp;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.CapabilityDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * OPEN body (RFC 4271 §4.2) with optional parameters in either the classic form (type 1 byte, length 1 byte)
 * or the RFC 9072 §2 extended form, signalled by Non-Ext OP Len = 255 and Non-Ext OP Type = 255, after which
 * a 2-byte length follows and every parameter has a 2-byte length. Parameters or capabilities that overrun
 * their container make the whole OPEN unreadable: it becomes an {@link InvalidMessage} with OPEN Message
 * Error / unspecific (RFC 4271 §6.2 gives no better subcode).
 */
final class OpenDecoder {
  private OpenDecoder() {}

  /** {@code start} is the index of the marker; the message is {@code length} bytes and at least 29. */
  static BgpMessage decode(ByteBuf buf, int start, int length, byte[] raw) {
    int end = start + length;
    int version = buf.getUnsignedByte(start + 19);
    int myAs = buf.getUnsignedShort(start + 20);
    int hold = buf.getUnsignedShort(start + 22);
    long bgpId = buf.getUnsignedInt(start + 24);
    int optLen = buf.getUnsignedByte(start + 28);
    int p = start + 29;
    boolean extended = optLen == 255 && end - p >= 1 && buf.getUnsignedByte(p) == 255;
    if (extended) {
      if (end - p < 3) return invalid(raw, 29, "truncated RFC 9072 extended optional parameters length");
      optLen = buf.getUnsignedShort(p + 1);
      p += 3;
    }
    if (p + optLen != end) {
      return invalid(raw, 28, "optional parameters length " + optLen + " disagrees with message length " + length);
    }
    List<Capability> caps = new ArrayList<>();
    List<OptionalParameter> others = new ArrayList<>(0);
    int paramHeader = extended ? 3 : 2;
    while (p < end) {
      if (end - p < paramHeader) return invalid(raw, p - start, "truncated optional parameter header");
      int type = buf.getUnsignedByte(p);
      int len = extended ? buf.getUnsignedShort(p + 1) : buf.getUnsignedByte(p + 1);
      int v = p + paramHeader;
      if (len > end - v) return invalid(raw, p - start, "optional parameter " + type + " overruns the OPEN");
      if (type == OptionalParameter.CAPABILITIES) {
        for (int c = v; c < v + len; ) {
          if (v + len - c < 2) return invalid(raw, c - start, "truncated capability header");
          int code = buf.getUnsignedByte(c);
          int clen = buf.getUnsignedByte(c + 1);
          if (clen > v + len - c - 2) return invalid(raw, c - start, "capability " + code + " overruns its parameter");
          caps.add(CapabilityDecoder.decode(buf, c + 2, code, clen));
          c += 2 + clen;
        }
      } else {
        byte[] value = new byte[len];
        buf.getBytes(v, value);
        others.add(new OptionalParameter(type, value));
      }
      p = v + len;
    }
    return new Open(version, myAs, hold, bgpId, caps, others, raw);
  }

  private static InvalidMessage invalid(byte[] raw, int offset, String reason) {
    return new InvalidMessage(raw,
        new BgpError(BgpError.OPEN_MESSAGE_ERROR, 0, Rfc7606Action.SESSION_RESET, offset, reason));
  }
}
