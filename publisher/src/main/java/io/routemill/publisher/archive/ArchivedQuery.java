package io.routemill.publisher.archive;

import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.query.CollectorQuery;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import java.util.List;

/** A {@link CollectorQuery} that also gives the API the {@link Archiver} (see {@link ArchiveAccess}). */
public final class ArchivedQuery implements CollectorQuery, ArchiveAccess {
  private final CollectorQuery query;
  private final Archiver archiver;

  public ArchivedQuery(CollectorQuery query, Archiver archiver) {
    this.query = query;
    this.archiver = archiver;
  }

  @Override
  public Archiver archiver() {
    return archiver;
  }

  @Override
  public List<RouterInfo> routers() {
    return query.routers();
  }

  @Override
  public List<PeerInfo> peers() {
    return query.peers();
  }

  @Override
  public RoutePage routes(RouteQuery q) {
    return query.routes(q);
  }

  @Override
  public List<ConsumerInfo> consumers() {
    return query.consumers();
  }
}
