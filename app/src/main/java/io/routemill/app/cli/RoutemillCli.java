package io.routemill.app.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code scripts/routemill}. Subcommands:
 * <ul>
 *   <li>{@code mrt dump FILE...} — bgpdump {@code -m} compatible one-line output of MRT files.</li>
 *   <li>{@code convert FILE... --to parquet DIR} — MRT files to Parquet files of the archive's schema.</li>
 * </ul>
 * Exit status: 0 success, 1 some input was skipped or damaged (reported on stderr), 2 usage error,
 * 3 an input could not be opened.
 */
public final class RoutemillCli {
  public static final int EXIT_OK = 0;
  public static final int EXIT_SKIPPED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_UNREADABLE = 3;

  /** The subcommands this class runs, one usage line each. */
  public static final String USAGE = "usage: routemill mrt dump FILE...\n       "
      + ConvertCommand.USAGE.substring("usage: ".length());

  private RoutemillCli() {}

  public static void main(String[] args) {
    int status = run(Arrays.asList(args), System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() >= 2 && args.get(0).equals("mrt") && args.get(1).equals("dump")) {
      return MrtDumpCommand.run(args.subList(2, args.size()), out, err);
    }
    if (!args.isEmpty() && args.get(0).equals("convert")) {
      return ConvertCommand.run(args.subList(1, args.size()), out, err);
    }
    err.println(USAGE);
    return EXIT_USAGE;
  }
}
