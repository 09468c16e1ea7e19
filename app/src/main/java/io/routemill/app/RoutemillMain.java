package io.routemill.app;

import io.routemill.app.cli.RoutemillCli;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code scripts/routemill} and the container. Subcommands:
 * <ul>
 *   <li>{@code run [--config FILE] [--bmp-port N] [--http-port N]} — the service, until SIGTERM.</li>
 *   <li>anything else goes to {@link RoutemillCli} ({@code mrt dump FILE...}, {@code convert …}), unchanged.</li>
 * </ul>
 * Exit status: 0 success; 2 usage or configuration error; 4 the service could not start; the other
 * commands' own statuses.
 */
public final class RoutemillMain {
  public static final int EXIT_OK = 0;
  public static final int EXIT_USAGE = RoutemillCli.EXIT_USAGE;
  public static final int EXIT_START_FAILED = 4;

  static final String USAGE = RunCommand.USAGE + "\n       " + RoutemillCli.USAGE.substring("usage: ".length());

  private RoutemillMain() {}

  public static void main(String[] args) {
    int status = run(Arrays.asList(args), System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println(USAGE);
      return EXIT_USAGE;
    }
    String command = args.get(0);
    if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
      out.println(USAGE);
      return EXIT_OK;
    }
    if (command.equals("run")) return RunCommand.run(args.subList(1, args.size()), out, err);
    if (command.equals("cds-training")) return CdsTraining.run(err);
    return RoutemillCli.run(args, out, err);
  }
}
