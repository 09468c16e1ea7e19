package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.IpAddresses;
import java.util.Arrays;

/** AGGREGATOR (type 7, RFC 4271 §5.1.7): AS (2 or 4 octets per session, RFC 6793) and IPv4 address. */
public record Attr07Aggregator(int flags, long asn, byte[] address) implements PathAttribute {
  public Attr07Aggregator(long asn, byte[] address) {
    this(OPTIONAL_TRANSITIVE, asn, address);
  }

  @Override
  public int typeCode() {
    return AGGREGATOR;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr07Aggregator a && a.flags == flags && a.asn == asn && Arrays.equals(a.address, address);
  }

  @Override
  public int hashCode() {
    return (flags * 31 + Long.hashCode(asn)) * 31 + Arrays.hashCode(address);
  }

  @Override
  public String toString() {
    return "Attr07Aggregator[flags=" + flags + ", asn=" + asn + ", address=" + IpAddresses.format(address) + "]";
  }
}
