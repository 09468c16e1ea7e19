package io.routemill.collector.query;

import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.Rib;
import java.util.List;
import java.util.Optional;

/** A source of sessions (the BMP station, the BGP speaker) that can describe its routers and peers. */
public interface SessionDirectory {
  List<RouterInfo> routers();

  /** Every peer view of this source: one per RIB table it fills, plus known peers that have no routes yet. */
  List<PeerInfo> peers(Rib rib);

  /** What a connection-accepting source (the BMP station) says about its connections; empty for others. */
  default Optional<CollectorQuery.StationInfo> station() {
    return Optional.empty();
  }
}
