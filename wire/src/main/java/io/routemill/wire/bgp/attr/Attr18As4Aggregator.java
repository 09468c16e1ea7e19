package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.IpAddresses;
import java.util.Arrays;

/** AS4_AGGREGATOR (type 18, RFC 6793 §3): 4-octet AS and IPv4 address; see {@link PathAttributes#effectiveAggregator()}. */
public record Attr18As4Aggregator(int flags, long asn, byte[] address) implements PathAttribute {
  public Attr18As4Aggregator(long asn, byte[] address) {
    this(OPTIONAL_TRANSITIVE, asn, address);
  }

  @Override
  public int typeCode() {
    return AS4_AGGREGATOR;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr18As4Aggregator a && a.flags == flags && a.asn == asn && Arrays.equals(a.address, address);
  }

  @Override
  public int hashCode() {
    return (flags * 31 + Long.hashCode(asn)) * 31 + Arrays.hashCode(address);
  }

  @Override
  public String toString() {
    return "Attr18As4Aggregator[flags=" + flags + ", asn=" + asn + ", address=" + IpAddresses.format(address) + "]";
  }
}
