package io.routemill.app;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.query.CollectorQuery;
import io.routemill.app.config.ConfigException;
import io.routemill.app.config.ConfigLoader;
import io.routemill.app.config.RoutemillConfig;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import io.routemill.collector.query.LiveCollectorQuery;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.station.BmpStation;
import io.routemill.collector.query.SessionDirectory;
import io.routemill.collector.speaker.BgpSpeaker;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.stream.BufferedEventStream;
import io.routemill.app.ArchiveComponent;
import io.routemill.publisher.archive.ArchivedQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** {@code routemill run [--config FILE] [--bmp-port N] [--http-port N] [--bgp-port N]}: runs the service until SIGTERM. */
final class RunCommand {
  static final String USAGE = "usage: routemill run [--config FILE] [--bmp-port N] [--http-port N] [--bgp-port N]";

  private RunCommand() {}

  /**
   * The wiring: what {@code run} serves and which components it starts, in order, before the HTTP API.
   * The BMP station plugs in here, as a {@link Component} and as the {@link CollectorQuery}.
   */
  static Service build(RoutemillConfig config) {
    Clock clock = Clock.systemUTC();
    Rib rib = new Rib();
    // archive: the archiver consumes the event stream; it starts first and closes last (draining the stream)
    AtomicReference<CollectorQuery> queryRef = new AtomicReference<>();
    Archiver archiver = config.archive().enabled()
        ? new Archiver(config.archive().toSettings(), rib, () -> queryRef.get().peers(), clock) : null;
    RouteEventStream events = archiver == null ? RouteEventStream.NONE
        : new BufferedEventStream(50_000, 10_000, List.of(archiver));
    BmpStation station = new BmpStation("0.0.0.0", config.bmp().port(), rib, events, clock);
    List<SessionDirectory> directories = new ArrayList<>(List.of(station));
    List<Component> components = new ArrayList<>();
    if (archiver != null) components.add(new ArchiveComponent(archiver, events));
    components.add(new BmpComponent(station, "0.0.0.0"));
    if (config.bgp().enabled()) {
      BgpSpeaker speaker = new BgpSpeaker(config.bgp().toSpeakerConfig(), new Ingest(rib, events), clock);
      directories.add(speaker);
      components.add(bgpComponent(speaker, config.bgp().host()));
    }
    CollectorQuery query = new LiveCollectorQuery(rib, directories);
    queryRef.set(query);
    if (archiver != null) query = new ArchivedQuery(query, archiver); // the API then serves the archive too
    return new Service(config, query, components);
  }

  /** The BGP collector as a service component (only with neighbours configured). */
  static Component bgpComponent(BgpSpeaker speaker, String host) {
    return new Component() {
      private int port = -1;

      @Override
      public String name() {
        return "bgp";
      }

      @Override
      public void start() throws Exception {
        port = speaker.start();
      }

      @Override
      public void close() {
        speaker.close();
      }

      @Override
      public String boundAddress() {
        return port < 0 ? null : host + ":" + port;
      }
    };
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return RoutemillMain.EXIT_OK;
    }
    // before anything touches java.util.logging (SnakeYAML does, while the config is read)
    OneLineLogFormat.keepLoggingDuringShutdown();
    RoutemillConfig config;
    try {
      config = ConfigLoader.fromArgs(args);
    } catch (ConfigException e) {
      err.println("routemill: " + e.getMessage());
      err.println(USAGE);
      return RoutemillMain.EXIT_USAGE;
    }
    OneLineLogFormat.install(java.util.logging.Level.INFO);
    System.Logger log = System.getLogger("routemill.service");
    log.log(Level.INFO, "configuration: " + config);
    Service service = build(config);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "routemill-shutdown"));
    try {
      service.start();
    } catch (Exception e) {
      log.log(Level.ERROR, "routemill could not start: " + e.getMessage(), e);
      return RoutemillMain.EXIT_START_FAILED;
    }
    try {
      service.awaitClosed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
    }
    return RoutemillMain.EXIT_OK;
  }
}
