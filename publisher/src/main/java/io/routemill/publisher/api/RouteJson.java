package io.routemill.publisher.api;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.rib.RouteRow;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr07Aggregator;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * The JSON of one route of {@code /api/v1/routes}: the only place where a route's typed values become text.
 * {@code asPath} in bgpdump's notation ({@link AsPathSegment#toText}), origin {@code IGP}/{@code EGP}/
 * {@code INCOMPLETE} (other values as their number), addresses as RFC 5952 text (hex digits when neither 4 nor
 * 16 bytes), communities {@code "a:b"}, large communities {@code "a:b:c"}, extended communities 16 hex digits
 * (empty lists when the attribute is absent), the effective aggregator as {@code "AS address"}, absent values
 * null, times ISO-8601 UTC; then {@code originAs} (a number or null) and {@code corrections} (labels). Public so
 * that other outputs (and tests comparing with other tools) print routes exactly as the API does.
 */
public final class RouteJson {
  private static final HexFormat HEX = HexFormat.of();

  private RouteJson() {}

  /** The JSON object of one route, every field present. */
  public static JsonObject route(RouteRow r) {
    PathAttributes a = r.attributes();
    List<AsPathSegment> path = r.asPath();
    OptionalLong originAs = r.originAs();
    byte[] nextHop = r.nextHop();
    Attr07Aggregator agg = a.effectiveAggregator();
    return new JsonObject()
        .put("router", r.router())
        .put("source", r.source().label())
        .put("peer", new JsonObject().put("address", r.peerAddress()).put("asn", r.peerAsn()))
        .put("rib", r.rib().label())
        .put("prefix", r.prefix().toString())
        .put("pathId", r.hasPathId() ? r.pathId() : null)
        .put("asPath", path == null ? null : AsPathSegment.toText(path))
        .put("origin", a.origin() == null ? null : origin(a.origin().origin()))
        .put("nextHop", nextHop == null ? null : address(nextHop))
        .put("localPref", a.localPref() == null ? null : a.localPref().value())
        .put("med", a.med() == null ? null : a.med().value())
        .put("communities", communities(a))
        .put("largeCommunities", largeCommunities(a))
        .put("extCommunities", extCommunities(a))
        .put("atomicAggregate", a.atomicAggregate() != null)
        .put("aggregator", agg == null ? null : agg.asn() + " " + address(agg.address()))
        .put("otc", a.otc() == null ? null : a.otc().asn())
        .put("receivedAt", r.receivedAt().toString())
        .put("originAs", originAs.isPresent() ? originAs.getAsLong() : null)
        .put("corrections", corrections(r));
  }

  static String origin(int o) {
    return o == Attr01Origin.IGP ? "IGP" : o == Attr01Origin.EGP ? "EGP"
        : o == Attr01Origin.INCOMPLETE ? "INCOMPLETE" : Integer.toString(o);
  }

  static String address(byte[] address) {
    if (address.length == 4 || address.length == 16) return IpAddresses.format(address);
    return HEX.formatHex(address);
  }

  private static JsonArray communities(PathAttributes a) {
    JsonArray out = new JsonArray();
    if (a.communities() != null) {
      for (int c : a.communities().values()) out.add((c >>> 16) + ":" + (c & 0xFFFF));
    }
    return out;
  }

  private static JsonArray largeCommunities(PathAttributes a) {
    JsonArray out = new JsonArray();
    if (a.largeCommunities() != null) {
      int[] v = a.largeCommunities().values();
      for (int i = 0; i + 2 < v.length; i += 3) {
        out.add(Integer.toUnsignedString(v[i]) + ":" + Integer.toUnsignedString(v[i + 1]) + ":"
            + Integer.toUnsignedString(v[i + 2]));
      }
    }
    return out;
  }

  private static JsonArray extCommunities(PathAttributes a) {
    JsonArray out = new JsonArray();
    if (a.extendedCommunities() != null) {
      for (long c : a.extendedCommunities().values()) out.add(HEX.toHexDigits(c));
    }
    return out;
  }

  /** In declaration order whatever the set's own order. */
  private static JsonArray corrections(RouteRow r) {
    JsonArray out = new JsonArray();
    if (r.corrections().isEmpty()) return out;
    for (Correction c : Correction.values()) {
      if (r.corrections().contains(c)) out.add(c.label());
    }
    return out;
  }
}
