package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.IpAddresses;
import java.util.Arrays;

/** ORIGINATOR_ID (type 9, RFC 4456 §8): the 4-byte router id of the route's originator in the AS. */
public record Attr09OriginatorId(int flags, byte[] id) implements PathAttribute {
  public Attr09OriginatorId(byte[] id) {
    this(OPTIONAL_NON_TRANSITIVE, id);
  }

  @Override
  public int typeCode() {
    return ORIGINATOR_ID;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr09OriginatorId a && a.flags == flags && Arrays.equals(a.id, id);
  }

  @Override
  public int hashCode() {
    return flags * 31 + Arrays.hashCode(id);
  }

  @Override
  public String toString() {
    return "Attr09OriginatorId[flags=" + flags + ", id=" + IpAddresses.format(id) + "]";
  }
}
