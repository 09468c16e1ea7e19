package io.routemill.wire.bmp;

import java.util.Arrays;

/**
 * A BMP frame whose structure cannot be read: a per-peer header, TLV or statistic that overruns the message,
 * an OPEN in a Peer Up that is not an OPEN, bytes left over after the last field. {@code bytes} is the whole
 * frame, {@code offset} the position within it (0 = the version byte) where the problem was seen.
 */
public record InvalidBmpMessage(byte[] bytes, String reason, int offset) implements BmpMessage {
  /** The common header's type, or -1 when the frame is too short to have one. */
  @Override
  public int type() {
    return bytes.length >= COMMON_HEADER_LENGTH ? bytes[5] & 0xFF : -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InvalidBmpMessage m && Arrays.equals(m.bytes, bytes) && m.reason.equals(reason)
        && m.offset == offset;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + reason.hashCode();
  }

  @Override
  public String toString() {
    return "InvalidBmpMessage[type=" + type() + ", at byte " + offset + ": " + reason + ", " + bytes.length + " bytes]";
  }
}
