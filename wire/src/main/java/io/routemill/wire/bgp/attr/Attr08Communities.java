package io.routemill.wire.bgp.attr;

import java.util.Arrays;

/**
 * COMMUNITIES (type 8, RFC 1997): each community is one int, high 16 bits the AS, low 16 bits the value (use
 * {@code v >>> 16} and {@code v & 0xFFFF}). Do not modify {@code values}.
 */
public record Attr08Communities(int flags, int[] values) implements PathAttribute {
  public Attr08Communities(int[] values) {
    this(OPTIONAL_TRANSITIVE, values);
  }

  @Override
  public int typeCode() {
    return COMMUNITIES;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr08Communities a && a.flags == flags && Arrays.equals(a.values, values);
  }

  @Override
  public int hashCode() {
    return flags * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Attr08Communities[flags=" + flags + ", values=" + Arrays.toString(values) + "]";
  }
}
