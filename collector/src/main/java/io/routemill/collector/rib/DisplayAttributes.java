package io.routemill.collector.rib;

import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr07Aggregator;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An interned attribute set decoded into the display fields of
 * {@link io.routemill.collector.query.CollectorQuery.RouteInfo} (immutable; built once per set and cached by
 * {@link Rib}). Absent attributes are null.
 */
record DisplayAttributes(String asPath, String origin, String nextHop, Long localPref, Long med,
    List<String> communities, List<String> largeCommunities, List<String> extCommunities,
    boolean atomicAggregate, String aggregator, Long otc) {

  static DisplayAttributes of(byte[] canonical) {
    return of(CanonicalAttributes.decode(canonical));
  }

  static DisplayAttributes of(PathAttributes a) {
    List<AsPathSegment> path = a.effectiveAsPath();
    String origin = null;
    if (a.origin() != null) {
      int o = a.origin().origin();
      origin = o == Attr01Origin.IGP ? "IGP" : o == Attr01Origin.EGP ? "EGP"
          : o == Attr01Origin.INCOMPLETE ? "INCOMPLETE" : Integer.toString(o);
    }
    String nextHop = null;
    Attr14MpReach mp = a.mpReach();
    if (mp != null) {
      nextHop = formatAddress(mp.globalNextHop());
    } else if (a.nextHop() != null) {
      nextHop = formatAddress(a.nextHop().address());
    }
    List<String> communities = List.of();
    if (a.communities() != null) {
      int[] v = a.communities().values();
      List<String> l = new ArrayList<>(v.length);
      for (int c : v) l.add((c >>> 16) + ":" + (c & 0xFFFF));
      communities = List.copyOf(l);
    }
    List<String> large = List.of();
    if (a.largeCommunities() != null) {
      int[] v = a.largeCommunities().values();
      List<String> l = new ArrayList<>(v.length / 3);
      for (int i = 0; i + 2 < v.length; i += 3) {
        l.add(Integer.toUnsignedString(v[i]) + ":" + Integer.toUnsignedString(v[i + 1]) + ":"
            + Integer.toUnsignedString(v[i + 2]));
      }
      large = List.copyOf(l);
    }
    List<String> ext = List.of();
    if (a.extendedCommunities() != null) {
      long[] v = a.extendedCommunities().values();
      List<String> l = new ArrayList<>(v.length);
      for (long c : v) l.add(HexFormat.of().toHexDigits(c));
      ext = List.copyOf(l);
    }
    Attr07Aggregator agg = a.effectiveAggregator();
    String aggregator = agg == null ? null : agg.asn() + " " + formatAddress(agg.address());
    return new DisplayAttributes(path == null ? null : AsPathSegment.toText(path), origin, nextHop,
        a.localPref() == null ? null : a.localPref().value(), a.med() == null ? null : a.med().value(),
        communities, large, ext, a.atomicAggregate() != null, aggregator,
        a.otc() == null ? null : a.otc().asn());
  }


  static String formatAddress(byte[] address) {
    if (address.length == 4 || address.length == 16) return IpAddresses.format(address);
    return HexFormat.of().formatHex(address);
  }
}
