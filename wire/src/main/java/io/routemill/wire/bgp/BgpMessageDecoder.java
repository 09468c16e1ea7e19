package io.routemill.wire.bgp;

import io.netty.buffer.ByteBuf;

/**
 * Reads one BGP message (RFC 4271 §4.1 header, then the body by type). Never throws and never returns null:
 * header problems (RFC 4271 §6.1) and wrong lengths for a type become {@link InvalidMessage}s, body problems of
 * UPDATEs become warnings on the {@link Update}. Works on any ByteBuf and does not retain or release it.
 */
public final class BgpMessageDecoder {
  private BgpMessageDecoder() {}

  /**
   * For streaming framers: the total length of the message at the reader index, or -1 while fewer than 19
   * bytes are readable. Consumes nothing. A value below 19 (or above the session's maximum) is a broken
   * header: hand the bytes to {@link #decode} at once, which returns an {@link InvalidMessage}.
   */
  public static int frameLength(ByteBuf buf) {
    if (buf.readableBytes() < BgpMessage.HEADER_LENGTH) return -1;
    return buf.getUnsignedShort(buf.readerIndex() + BgpMessage.MARKER_LENGTH);
  }

  /**
   * Decodes the message at the reader index and advances past it. When the header is broken or fewer bytes
   * are readable than its length says, everything readable is consumed (the stream cannot be resynchronised)
   * and an {@link InvalidMessage} holding those bytes is returned.
   */
  public static BgpMessage decode(ByteBuf buf, DecodeContext ctx) {
    int start = buf.readerIndex();
    int readable = buf.readableBytes();
    if (readable < BgpMessage.HEADER_LENGTH) {
      return invalidRest(buf, BgpError.MESSAGE_HEADER_ERROR, BgpError.BAD_MESSAGE_LENGTH, 0,
          "only " + readable + " bytes, less than a header");
    }
    int length = buf.getUnsignedShort(start + BgpMessage.MARKER_LENGTH);
    if (length < BgpMessage.HEADER_LENGTH || length > ctx.maxMessageLength()) {
      return invalidRest(buf, BgpError.MESSAGE_HEADER_ERROR, BgpError.BAD_MESSAGE_LENGTH, 16,
          "message length " + length + " outside 19.." + ctx.maxMessageLength());
    }
    if (readable < length) {
      return invalidRest(buf, BgpError.MESSAGE_HEADER_ERROR, BgpError.BAD_MESSAGE_LENGTH, 16,
          "message length " + length + " but only " + readable + " bytes present");
    }
    byte[] raw = new byte[length];
    buf.getBytes(start, raw);
    try {
      for (int i = 0; i < BgpMessage.MARKER_LENGTH; i++) {
        if (raw[i] != (byte) 0xFF) {
          return invalid(raw, BgpError.MESSAGE_HEADER_ERROR, BgpError.CONNECTION_NOT_SYNCHRONIZED, i,
              "marker byte " + i + " is not 0xFF");
        }
      }
      return body(buf, start, length, raw, ctx);
    } finally {
      buf.readerIndex(start + length);
    }
  }

  private static BgpMessage body(ByteBuf buf, int start, int length, byte[] raw, DecodeContext ctx) {
    int type = raw[18] & 0xFF;
    switch (type) {
      case BgpMessage.TYPE_OPEN:
        if (length < 29) return badLength(raw, "OPEN", length);
        return OpenDecoder.decode(buf, start, length, raw);
      case BgpMessage.TYPE_UPDATE:
        if (length < 23) return badLength(raw, "UPDATE", length);
        return UpdateDecoder.decode(buf, start, length, ctx, raw);
      case BgpMessage.TYPE_NOTIFICATION: {
        if (length < 21) return badLength(raw, "NOTIFICATION", length);
        byte[] data = new byte[length - 21];
        System.arraycopy(raw, 21, data, 0, data.length);
        return new Notification(raw[19] & 0xFF, raw[20] & 0xFF, data, raw);
      }
      case BgpMessage.TYPE_KEEPALIVE:
        if (length != 19) return badLength(raw, "KEEPALIVE", length);
        return new Keepalive(raw);
      case BgpMessage.TYPE_ROUTE_REFRESH: {
        if (length < 23) return badLength(raw, "ROUTE-REFRESH", length);
        int subtype = raw[21] & 0xFF;
        // RFC 7313 §5: BoRR/EoRR must be exactly 4 bytes of body; subtype 0 may carry ORF entries (RFC 5291).
        if (length != 23 && (subtype == RouteRefresh.BORR || subtype == RouteRefresh.EORR)) {
          return invalid(raw, BgpError.ROUTE_REFRESH_MESSAGE_ERROR, 1, 16,
              "ROUTE-REFRESH subtype " + subtype + " with length " + length);
        }
        return new RouteRefresh(((raw[19] & 0xFF) << 8) | (raw[20] & 0xFF), subtype, raw[22] & 0xFF, raw);
      }
      default:
        return new UnknownMessage(type, raw);
    }
  }

  private static InvalidMessage badLength(byte[] raw, String type, int length) {
    return invalid(raw, BgpError.MESSAGE_HEADER_ERROR, BgpError.BAD_MESSAGE_LENGTH, 16,
        "length " + length + " is wrong for " + type);
  }

  private static InvalidMessage invalidRest(ByteBuf buf, int code, int subcode, int offset, String reason) {
    byte[] raw = new byte[buf.readableBytes()];
    buf.readBytes(raw);
    return invalid(raw, code, subcode, offset, reason);
  }

  private static InvalidMessage invalid(byte[] raw, int code, int subcode, int offset, String reason) {
    return new InvalidMessage(raw, new BgpError(code, subcode, Rfc7606Action.SESSION_RESET, offset, reason));
  }
}
