package io.routemill.app;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.mrt.MrtDirectory;
import io.routemill.collector.mrt.MrtLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code run --load FILE...}: loads the MRT files into the RIB through the ingest when the service starts, before
 * the HTTP API opens, so the API never serves a half-loaded archive. Files load in the order given (a RIB dump,
 * then its update files); one that cannot be read is logged and the others still load.
 */
final class MrtLoadComponent implements Component {
  private final MrtLoader loader;
  private final List<Path> files;
  private final String routerName;
  private final MrtDirectory directory;
  private String summary;

  /** @param routerName the router name of the loaded routes, or null to derive it from each file */
  MrtLoadComponent(Ingest ingest, List<Path> files, String routerName, Clock clock) {
    this.loader = new MrtLoader(ingest);
    this.files = List.copyOf(files);
    this.routerName = routerName;
    this.directory = new MrtDirectory(clock);
  }

  /** The loaded files' routers and peers, for the API. */
  MrtDirectory directory() {
    return directory;
  }

  @Override
  public String name() {
    return "mrt-load";
  }

  @Override
  public void start() {
    List<MrtLoader.Result> results = loader.loadAll(files, routerName);
    directory.loaded(results);
    long loaded = results.stream().filter(MrtLoader.Result::loaded).count();
    summary = loaded + " of " + files.size() + " files";
  }

  @Override
  public void close() {}

  @Override
  public String boundAddress() {
    return summary;
  }
}
