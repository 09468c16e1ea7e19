package io.routemill.wire.bgp.attr;

/** MULTI_EXIT_DISC (type 4, RFC 4271 §5.1.4): unsigned 32-bit. */
public record Attr04Med(int flags, long value) implements PathAttribute {
  public Attr04Med(long value) {
    this(OPTIONAL_NON_TRANSITIVE, value);
  }

  @Override
  public int typeCode() {
    return MULTI_EXIT_DISC;
  }
}
