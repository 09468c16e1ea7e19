package io.routemill.app.cli;

import io.routemill.collector.mrt.MrtFiles;
import io.routemill.wire.mrt.BgpdumpPrinter;
import io.routemill.wire.mrt.MrtDecoder;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.mrt.MrtRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code routemill mrt dump FILE...}: prints each file in bgpdump's {@code -m} format. Problems go to stderr
 * as one line each ({@code routemill: FILE: byte OFFSET: reason}); the dump continues with the next record
 * wherever MRT framing allows, and the exit status tells whether anything was skipped.
 */
final class MrtDumpCommand {
  private MrtDumpCommand() {}

  static int run(List<String> files, PrintStream stdout, PrintStream err) {
    if (files.isEmpty()) {
      err.println("usage: routemill mrt dump FILE...");
      return RoutemillCli.EXIT_USAGE;
    }
    int status = RoutemillCli.EXIT_OK;
    OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
    try {
      for (String file : files) {
        status = Math.max(status, dump(file, out, err));
      }
      out.flush();
    } catch (IOException e) {
      err.println("routemill: cannot write output: " + e.getMessage());
      return RoutemillCli.EXIT_UNREADABLE;
    }
    return status;
  }

  private static int dump(String file, OutputStream out, PrintStream err) throws IOException {
    boolean[] skipped = {false};
    Consumer<MrtProblem> problems = problem -> report(err, problem, skipped);
    BgpdumpPrinter printer = new BgpdumpPrinter(out, problems, file);
    MrtDecoder decoder = new MrtDecoder(file, problems);
    try (MrtReader reader = new MrtReader(MrtFiles.open(Path.of(file)), file, problems)) {
      MrtRecord record;
      while ((record = reader.next()) != null) {
        printer.print(decoder.decode(record));
      }
    } catch (NoSuchFileException e) {
      err.println("routemill: " + file + ": no such file");
      return RoutemillCli.EXIT_UNREADABLE;
    } catch (IOException e) {
      if (out != null) out.flush();
      err.println("routemill: " + file + ": cannot read: " + e.getMessage());
      return RoutemillCli.EXIT_UNREADABLE;
    }
    return skipped[0] ? RoutemillCli.EXIT_SKIPPED : RoutemillCli.EXIT_OK;
  }

  private static void report(PrintStream err, MrtProblem problem, boolean[] skipped) {
    if (problem.skipped()) skipped[0] = true;
    err.println("routemill: " + problem);
  }
}
