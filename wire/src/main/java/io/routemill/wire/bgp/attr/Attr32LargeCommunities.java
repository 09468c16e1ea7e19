package io.routemill.wire.bgp.attr;

import java.util.Arrays;

/**
 * LARGE_COMMUNITY (type 32, RFC 8092 §3): three unsigned 32-bit ints per community (global administrator,
 * local data 1, local data 2), flattened: community {@code i} is {@code values[3i .. 3i+2]}. Do not modify.
 */
public record Attr32LargeCommunities(int flags, int[] values) implements PathAttribute {
  public Attr32LargeCommunities(int[] values) {
    this(OPTIONAL_TRANSITIVE, values);
  }

  /** Number of communities (values.length / 3). */
  public int size() {
    return values.length / 3;
  }

  @Override
  public int typeCode() {
    return LARGE_COMMUNITIES;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr32LargeCommunities a && a.flags == flags && Arrays.equals(a.values, values);
  }

  @Override
  public int hashCode() {
    return flags * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Attr32LargeCommunities[flags=" + flags + ", values=" + Arrays.toString(values) + "]";
  }
}
