package io.routemill.wire.bgp.attr;

import java.util.Arrays;

/** CLUSTER_LIST (type 10, RFC 4456 §8): 4-byte cluster ids as ints (use {@code Integer.toUnsignedLong}). */
public record Attr10ClusterList(int flags, int[] ids) implements PathAttribute {
  public Attr10ClusterList(int[] ids) {
    this(OPTIONAL_NON_TRANSITIVE, ids);
  }

  @Override
  public int typeCode() {
    return CLUSTER_LIST;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr10ClusterList a && a.flags == flags && Arrays.equals(a.ids, ids);
  }

  @Override
  public int hashCode() {
    return flags * 31 + Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return "Attr10ClusterList[flags=" + flags + ", ids=" + Arrays.toString(ids) + "]";
  }
}
