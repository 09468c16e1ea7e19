package io.routemill.app;

import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.app.Component;

/**
 * The archiver as a service component: started before the collectors (so no event finds it closed) and closed
 * after them: the event stream is drained first, then the current updates interval is published.
 */
public final class ArchiveComponent implements Component {
  private final Archiver archiver;
  private final RouteEventStream events;

  public ArchiveComponent(Archiver archiver, RouteEventStream events) {
    this.archiver = archiver;
    this.events = events;
  }

  @Override
  public String name() {
    return "archive";
  }

  @Override
  public void start() throws Exception {
    archiver.start();
  }

  @Override
  public void close() {
    try {
      events.close();
    } finally {
      archiver.close();
    }
  }

  @Override
  public String boundAddress() {
    return archiver.settings().root().toString();
  }
}
