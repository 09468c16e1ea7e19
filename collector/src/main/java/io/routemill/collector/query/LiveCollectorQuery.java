package io.routemill.collector.query;

import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@link CollectorQuery} of a running collector: routes from the RIB, sessions from their sources, consumers
 * from whoever runs the event stream.
 */
public final class LiveCollectorQuery implements CollectorQuery {
  private final Rib rib;
  private final List<SessionDirectory> sources;
  private final Supplier<List<ConsumerInfo>> consumers;

  /** Without event stream consumers. */
  public LiveCollectorQuery(Rib rib, List<SessionDirectory> sources) {
    this(rib, sources, List::of);
  }

  public LiveCollectorQuery(Rib rib, List<SessionDirectory> sources, Supplier<List<ConsumerInfo>> consumers) {
    this.rib = Objects.requireNonNull(rib);
    this.sources = List.copyOf(sources);
    this.consumers = Objects.requireNonNull(consumers);
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

  /** The first source's that has one (the BMP station's), else {@link StationInfo#NONE}. */
  @Override
  public StationInfo station() {
    for (SessionDirectory s : sources) {
      java.util.Optional<StationInfo> info = s.station();
      if (info.isPresent()) return info.get();
    }
    return StationInfo.NONE;
  }

  @Override
  public List<ConsumerInfo> consumers() {
    List<ConsumerInfo> c = consumers.get();
    return c == null ? List.of() : List.copyOf(c);
  }
}
