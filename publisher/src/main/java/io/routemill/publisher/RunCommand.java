package io.routemill.publisher;

import io.routemill.collector.query.CollectorQuery;
import io.routemill.publisher.config.ConfigException;
import io.routemill.publisher.config.ConfigLoader;
import io.routemill.publisher.config.RoutemillConfig;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import io.routemill.collector.query.LiveCollectorQuery;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.station.BmpStation;
import io.routemill.collector.stream.RouteEventStream;
import java.time.Clock;
import java.util.List;

/** {@code routemill run [--config FILE] [--bmp-port N] [--http-port N]}: runs the service until SIGTERM. */
final class RunCommand {
  static final String USAGE = "usage: routemill run [--config FILE] [--bmp-port N] [--http-port N]";

  private RunCommand() {}

  /**
   * The wiring: what {@code run} serves and which components it starts, in order, before the HTTP API.
   * The BMP station plugs in here, as a {@link Component} and as the {@link CollectorQuery}.
   */
  static Service build(RoutemillConfig config) {
    Clock clock = Clock.systemUTC();
    Rib rib = new Rib();
    BmpStation station = new BmpStation("0.0.0.0", config.bmp().port(), rib, RouteEventStream.NONE, clock);
    CollectorQuery query = new LiveCollectorQuery(rib, List.of(station));
    List<Component> components = List.of(new BmpComponent(station, "0.0.0.0"));
    return new Service(config, query, components);
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
