package io.routemill.collector.rib;

import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One route of a {@link RoutePage}, with typed values (no display text: the publisher formats). The derived
 * values that every consumer needs (effective AS path, origin AS, next hop) are computed here, in one place.
 *
 * @param key the table: router, source, peer address, distinguisher, view
 * @param peerAsn the peer's AS number (0 when not known)
 * @param prefix the route's prefix
 * @param pathId the ADD-PATH path id (unsigned 32-bit), or {@link Route#NO_PATH_ID}
 * @param attributes the path attributes as the RIB keeps them (4-octet AS numbers; AS_PATH already the effective
 *     path; MP_REACH_NLRI holding only the next hop). Decoded once per interned attribute set and shared between
 *     rows: do not modify the arrays inside.
 * @param receivedAt when the path was received (whole seconds)
 * @param stale whether the path is stale (graceful restart: kept until refreshed or swept)
 * @param corrections what routemill changed or assumed in the route (unmodifiable; empty when none)
 */
public record RouteRow(TableKey key, long peerAsn, Prefix prefix, long pathId, PathAttributes attributes,
    Instant receivedAt, boolean stale, Set<Correction> corrections) {

  public RouteRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(corrections, "corrections");
  }

  public String router() {
    return key.router();
  }

  public Source source() {
    return key.source();
  }

  public String peerAddress() {
    return key.peerAddress();
  }

  /** The view ({@link TableKey#rib()}). */
  public RibView rib() {
    return key.rib();
  }

  public boolean hasPathId() {
    return pathId != Route.NO_PATH_ID;
  }

  /**
   * The effective AS path ({@link PathAttributes#effectiveAsPath()}: AS_PATH merged with AS4_PATH), or null when
   * the route has no AS_PATH at all (an empty path, iBGP-originated, is an empty list).
   */
  public List<AsPathSegment> asPath() {
    return attributes.effectiveAsPath();
  }

  /** The origin AS ({@link AsPathSegment#originAs}): empty for no or an empty path, or one ending in a set. */
  public OptionalLong originAs() {
    return AsPathSegment.originAs(asPath());
  }

  /**
   * The next hop: MP_REACH_NLRI's global next hop (4 or 16 bytes; the raw field when it is neither) if the route
   * has a non-empty one, else NEXT_HOP's address, else null. A fresh array.
   */
  public byte[] nextHop() {
    Attr14MpReach mp = attributes.mpReach();
    if (mp != null && mp.nextHop().length > 0) return mp.globalNextHop().clone();
    return attributes.nextHop() == null ? null : attributes.nextHop().address().clone();
  }

  /** Whether the attributes carry no next hop, neither NEXT_HOP nor MP_REACH_NLRI's. */
  static boolean lacksNextHop(PathAttributes a) {
    Attr14MpReach mp = a.mpReach();
    return a.nextHop() == null && (mp == null || mp.nextHop().length == 0);
  }
}
