package io.routemill.collector.query;

import io.routemill.collector.rib.Rib;
import java.util.ArrayList;
import java.util.List;

/** The {@link CollectorQuery} of a running collector: routes from the RIB, sessions from their sources. */
public final class LiveCollectorQuery implements CollectorQuery {
  private final Rib rib;
  private final List<SessionDirectory> sources;

  public LiveCollectorQuery(Rib rib, List<SessionDirectory> sources) {
    this.rib = rib;
    this.sources = List.copyOf(sources);
  }

  @Override
  public List<RouterInfo> routers() {
    List<RouterInfo> out = new ArrayList<>();
    for (SessionDirectory s : sources) out.addAll(s.routers());
    return out;
  }

  @Override
  public List<PeerInfo> peers() {
    List<PeerInfo> out = new ArrayList<>();
    for (SessionDirectory s : sources) out.addAll(s.peers(rib));
    return out;
  }

  @Override
  public RoutePage routes(RouteQuery query) {
    return rib.routes(query);
  }
}
