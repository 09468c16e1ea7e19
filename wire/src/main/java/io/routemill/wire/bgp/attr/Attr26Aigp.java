package io.routemill.wire.bgp.attr;

/**
 * Accumulated IGP Metric (type 26, RFC 7311 §3): a sequence of TLVs of which only type 1 (AIGP, length 11,
 * an unsigned 64-bit metric) is defined. Only the first AIGP TLV is kept (RFC 7311 §3 says the others are to be
 * ignored); {@code metric} is unsigned, compare with {@link Long#compareUnsigned}.
 */
public record Attr26Aigp(int flags, long metric) implements PathAttribute {
  public Attr26Aigp(long metric) {
    this(OPTIONAL_NON_TRANSITIVE, metric);
  }

  @Override
  public int typeCode() {
    return AIGP;
  }
}
