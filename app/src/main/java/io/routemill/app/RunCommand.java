package io.routemill.app;

import io.routemill.app.config.ConfigException;
import io.routemill.app.config.ConfigLoader;
import io.routemill.app.config.RoutemillConfig;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.List;

/** {@code routemill run [--config FILE] [--bmp-port N] [--http-port N] [--bgp-port N] [--load FILE...]}: runs the service until SIGTERM. */
final class RunCommand {
  static final String USAGE = "usage: routemill run [--config FILE] [--bmp-port N] [--http-port N] [--bgp-port N]"
      + " [--load FILE... [--load-as NAME]]";

  private RunCommand() {}

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
    Service service = ServiceAssembly.build(config).service();
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
