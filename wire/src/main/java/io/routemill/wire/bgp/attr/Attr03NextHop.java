package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.IpAddresses;
import java.util.Arrays;

/** NEXT_HOP (type 3, RFC 4271 §5.1.3): a 4-byte IPv4 address. */
public record Attr03NextHop(int flags, byte[] address) implements PathAttribute {
  public Attr03NextHop(byte[] address) {
    this(WELL_KNOWN, address);
  }

  @Override
  public int typeCode() {
    return NEXT_HOP;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr03NextHop a && a.flags == flags && Arrays.equals(a.address, address);
  }

  @Override
  public int hashCode() {
    return flags * 31 + Arrays.hashCode(address);
  }

  @Override
  public String toString() {
    return "Attr03NextHop[flags=" + flags + ", address=" + IpAddresses.format(address) + "]";
  }
}
