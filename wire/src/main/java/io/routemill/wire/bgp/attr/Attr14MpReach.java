package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.WireText;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MP_REACH_NLRI (type 14, RFC 4760 §3). {@code nextHop} is the whole next-hop field: 4 or 16 bytes, 32 for an
 * IPv6 global + link-local pair, 16/32 for IPv4 routes with IPv6 next hops (RFC 8950), RD-prefixed for VPN.
 * For the families routemill decodes ({@link AfiSafi#isIpPrefixFamily()}) {@code routes} holds the NLRI and
 * {@code rawNlri} is null; for the others {@code routes} is empty and {@code rawNlri} holds the NLRI bytes.
 *
 * <p>In the abbreviated MRT RIB-entry form (RFC 6396 §4.3.4) only the next hop is present: the family is guessed
 * from the next-hop length, routes are empty and rawNlri is null.
 */
public record Attr14MpReach(int flags, AfiSafi family, byte[] nextHop, List<Route> routes, byte[] rawNlri)
    implements PathAttribute {
  public Attr14MpReach {
    routes = List.copyOf(routes);
  }

  public Attr14MpReach(AfiSafi family, byte[] nextHop, List<Route> routes, byte[] rawNlri) {
    this(OPTIONAL_NON_TRANSITIVE, family, nextHop, routes, rawNlri);
  }

  /** The first (global) next hop: 4 bytes for IPv4, 16 for IPv6, or the whole field when it is neither. */
  public byte[] globalNextHop() {
    return nextHop.length == 32 ? Arrays.copyOf(nextHop, 16) : nextHop;
  }

  /** True when the attribute carries any NLRI, decoded or raw. */
  public boolean hasNlri() {
    return !routes.isEmpty() || (rawNlri != null && rawNlri.length > 0);
  }

  @Override
  public int typeCode() {
    return MP_REACH_NLRI;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr14MpReach a && a.flags == flags && a.family.equals(family)
        && Arrays.equals(a.nextHop, nextHop) && a.routes.equals(routes) && Arrays.equals(a.rawNlri, rawNlri);
  }

  @Override
  public int hashCode() {
    return Objects.hash(flags, family, Arrays.hashCode(nextHop), routes, Arrays.hashCode(rawNlri));
  }

  @Override
  public String toString() {
    return "MpReach[flags=" + flags + ", " + family + ", nh=" + WireText.address(nextHop) + ", " + routes
        + (rawNlri == null ? "" : ", raw=" + WireText.hex(rawNlri)) + "]";
  }
}
