package io.routemill.collector.rib;

import java.util.List;

/**
 * One page of a {@link RouteQuery}'s answer, in prefix order, then table-key order, then path id.
 *
 * @param routes the routes of the page (unmodifiable)
 * @param next the cursor of the next page ({@link RouteQuery#withCursor}), or null on the last page
 */
public record RoutePage(List<RouteRow> routes, String next) {
  public RoutePage {
    routes = List.copyOf(routes);
  }

  /** The page with no routes and no next page. */
  public static RoutePage empty() {
    return new RoutePage(List.of(), null);
  }
}
