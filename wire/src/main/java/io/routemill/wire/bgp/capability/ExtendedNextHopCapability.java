package io.routemill.wire.bgp.capability;

import java.util.List;

/**
 * Extended Next Hop Encoding (code 5, RFC 8950 §4): tuples of NLRI AFI (2), NLRI SAFI (2 bytes here, unlike
 * elsewhere) and next-hop AFI (2), e.g. IPv4 unicast routes with IPv6 next hops.
 */
public record ExtendedNextHopCapability(List<Entry> entries) implements Capability {
  public record Entry(int nlriAfi, int nlriSafi, int nextHopAfi) {}

  public ExtendedNextHopCapability {
    entries = List.copyOf(entries);
  }

  @Override
  public int code() {
    return EXTENDED_NEXT_HOP;
  }
}
