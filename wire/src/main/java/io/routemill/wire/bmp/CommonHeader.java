package io.routemill.wire.bmp;

import io.netty.buffer.ByteBuf;

/**
 * The BMP common header (RFC 7854 §4.1): version (1), message length (4, header included), message type (1).
 * The length is an unsigned 32-bit value kept in a long.
 */
public record CommonHeader(int version, long length, int type) {
  /** The header at the reader index, or null while fewer than 6 bytes are readable. Consumes nothing. */
  public static CommonHeader peek(ByteBuf buf) {
    if (buf.readableBytes() < BmpMessage.COMMON_HEADER_LENGTH) return null;
    int at = buf.readerIndex();
    return new CommonHeader(buf.getUnsignedByte(at), buf.getUnsignedInt(at + 1), buf.getUnsignedByte(at + 5));
  }

  public void write(ByteBuf out) {
    out.writeByte(version).writeInt((int) length).writeByte(type);
  }
}
