package io.routemill.wire.bgp.attr;

import java.util.Arrays;

/**
 * EXTENDED COMMUNITIES (type 16, RFC 4360 §2): each 8-byte community as one long, type byte in the top
 * 8 bits. Do not modify {@code values}.
 */
public record Attr16ExtendedCommunities(int flags, long[] values) implements PathAttribute {
  public Attr16ExtendedCommunities(long[] values) {
    this(OPTIONAL_TRANSITIVE, values);
  }

  @Override
  public int typeCode() {
    return EXTENDED_COMMUNITIES;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr16ExtendedCommunities a && a.flags == flags && Arrays.equals(a.values, values);
  }

  @Override
  public int hashCode() {
    return flags * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Attr16ExtendedCommunities[flags=" + flags + ", values=" + Arrays.toString(values) + "]";
  }
}
