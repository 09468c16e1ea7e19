package io.routemill.app;

import io.routemill.collector.query.CollectorQuery;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import java.util.List;

/** A collector that has nothing: no routers, no peers, no routes. What {@code run} serves until the station is wired. */
public final class EmptyCollectorQuery implements CollectorQuery {
  @Override
  public List<RouterInfo> routers() {
    return List.of();
  }

  @Override
  public List<PeerInfo> peers() {
    return List.of();
  }

  @Override
  public RoutePage routes(RouteQuery query) {
    return RoutePage.empty();
  }

  @Override
  public List<ConsumerInfo> consumers() {
    return List.of();
  }

  @Override
  public StationInfo station() {
    return StationInfo.NONE;
  }
}
