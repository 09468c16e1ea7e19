package io.routemill.wire.mrt;

/**
 * One framed MRT record (RFC 6396 §2): the common header and the body bytes, not yet interpreted.
 *
 * <p>For the *_ET types the 4-byte microsecond field (§3) is split off: {@code microseconds} holds it and
 * {@code body} starts after it, so every decoder sees the same body layout. {@code microseconds} is -1 for
 * types without it. {@code offset} is the position of the record's first header byte in the uncompressed
 * stream, for error messages.
 *
 * <p>The body array may be reused by the reader for the next record: consumers that keep it must copy.
 */
public record MrtRecord(long offset, long timestamp, int microseconds, int type, int subtype, byte[] body,
    int bodyLength) {

  public boolean hasMicroseconds() {
    return microseconds >= 0;
  }

  @Override
  public String toString() {
    return "MRT record type " + type + "/" + subtype + " at byte " + offset + " (" + bodyLength + " body bytes)";
  }
}
