package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.WireText;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MP_UNREACH_NLRI (type 15, RFC 4760 §4): withdrawn routes of one family; like {@link Attr14MpReach}, routes
 * for decoded families, {@code rawNlri} (non-null) for the others. With no NLRI at all it is the End-of-RIB
 * marker of RFC 4724 §2.
 */
public record Attr15MpUnreach(int flags, AfiSafi family, List<Route> routes, byte[] rawNlri)
    implements PathAttribute {
  public Attr15MpUnreach {
    routes = List.copyOf(routes);
  }

  public Attr15MpUnreach(AfiSafi family, List<Route> routes, byte[] rawNlri) {
    this(OPTIONAL_NON_TRANSITIVE, family, routes, rawNlri);
  }

  public boolean hasNlri() {
    return !routes.isEmpty() || (rawNlri != null && rawNlri.length > 0);
  }

  @Override
  public int typeCode() {
    return MP_UNREACH_NLRI;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attr15MpUnreach a && a.flags == flags && a.family.equals(family)
        && a.routes.equals(routes) && Arrays.equals(a.rawNlri, rawNlri);
  }

  @Override
  public int hashCode() {
    return Objects.hash(flags, family, routes, Arrays.hashCode(rawNlri));
  }

  @Override
  public String toString() {
    return "MpUnreach[flags=" + flags + ", " + family + ", " + routes
        + (rawNlri == null ? "" : ", raw=" + WireText.hex(rawNlri)) + "]";
  }
}
