package io.routemill.collector.rib;

import io.routemill.wire.bgp.Prefix;

/**
 * A route query of {@link Rib#routes}. The RIB rejects what it cannot serve with IllegalArgumentException (no
 * prefix or match, a limit out of range, a cursor it did not give out or that belongs to another query).
 *
 * @param prefix the query prefix (IPv4 or IPv6; a host prefix for an address)
 * @param match how {@code prefix} selects routes
 * @param peer only routes of peers with this address (any IP literal form; compared canonically), or null for all
 * @param rib only routes of this view, or null for all
 * @param limit at most this many routes (1..10,000)
 * @param cursor the {@link RoutePage#next} of the previous page, or null for the first page
 */
public record RouteQuery(Prefix prefix, Match match, String peer, RibView rib, int limit, String cursor) {
  /** The first page of {@code limit} routes of every peer and view. */
  public RouteQuery(Prefix prefix, Match match, int limit) {
    this(prefix, match, null, null, limit, null);
  }

  /** The same query from another position: the page after {@code cursor}. */
  public RouteQuery withCursor(String cursor) {
    return new RouteQuery(prefix, match, peer, rib, limit, cursor);
  }
}
