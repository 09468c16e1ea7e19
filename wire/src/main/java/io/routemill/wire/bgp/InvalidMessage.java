package io.routemill.wire.bgp;

/**
 * Bytes that could not be read as a message: a broken header (marker not all ones, a length below 19 or
 * above what the session allows, fewer bytes than the length field announces), a length that is wrong for
 * the message type, or an OPEN whose optional parameters cannot be parsed. {@link #error()} says what a
 * speaker would send as NOTIFICATION (always {@link Rfc7606Action#SESSION_RESET}).
 */
public record InvalidMessage(byte[] raw, BgpError error) implements BgpMessage {
  /** The header's type byte when at least 19 bytes were present, else 0. */
  @Override
  public int type() {
    return raw.length >= HEADER_LENGTH ? raw[18] & 0xFF : 0;
  }

  @Override
  public String toString() {
    return "InvalidMessage[" + error + ", " + raw.length + " bytes]";
  }
}
