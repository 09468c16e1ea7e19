package io.routemill.collector.rib;

/** How a {@link RouteQuery}'s prefix selects routes; see {@link Rib#routes} for the order of results. */
public enum Match {
  /** Routes of exactly the prefix. */
  EXACT,
  /** Routes of the longest prefix present that covers the query prefix (the prefix itself included). */
  LONGEST,
  /** Routes of the prefix and of every more-specific prefix. */
  MORE,
  /** Routes of the prefix and of every less-specific prefix. */
  LESS
}
