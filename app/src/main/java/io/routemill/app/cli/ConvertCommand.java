package io.routemill.app.cli;

import io.routemill.archiver.archive.ArchiveStore;
import io.routemill.archiver.convert.ParquetConverter;
import io.routemill.collector.mrt.MrtSource;
import io.routemill.wire.mrt.MrtProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code routemill convert FILE... --to parquet DIR [--collector NAME]}: turns MRT files (RIS, RouteViews, any
 * RFC 6396/8050 file, routemill's own) into Parquet files of the archive's schema, one per input:
 * {@code DIR/NAME.parquet} without the .gz/.bz2. Update files (BGP4MP, BGP4MP_ET, the deprecated BGP type) become
 * the {@code updates} table, one row per line {@code bgpdump -m} prints; RIB files (TABLE_DUMP, TABLE_DUMP_V2)
 * become the {@code routes} table, one row per RIB entry. MRT carries no router or view: {@code router} is the
 * collector's name and {@code view} is {@code bgp}, as for routemill's own direct sessions. DIR may be a Hadoop
 * URI ({@code file:///…}, {@code hdfs://…}); files are written under a temporary name and renamed.
 *
 * <p>The file is read as the events {@code run --load} applies to the RIB ({@link MrtSource}) and the rows are
 * written from them ({@link ParquetConverter}), so both see an MRT file the same way.
 */
final class ConvertCommand {
  static final String USAGE = "usage: routemill convert FILE... --to parquet DIR [--collector NAME]";

  private ConvertCommand() {}

  static int run(List<String> args, PrintStream stdout, PrintStream err) {
    List<String> files = new ArrayList<>();
    String dir = null;
    String collector = "unknown";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--to")) {
        if (i + 2 >= args.size() || !args.get(i + 1).equals("parquet")) {
          err.println("routemill convert: --to needs 'parquet DIR'");
          err.println(USAGE);
          return RoutemillCli.EXIT_USAGE;
        }
        dir = args.get(i + 2);
        i += 2;
      } else if (a.equals("--collector")) {
        if (i + 1 >= args.size()) {
          err.println(USAGE);
          return RoutemillCli.EXIT_USAGE;
        }
        collector = args.get(++i);
      } else if (a.startsWith("--")) {
        err.println("routemill convert: unknown option " + a);
        err.println(USAGE);
        return RoutemillCli.EXIT_USAGE;
      } else {
        files.add(a);
      }
    }
    if (files.isEmpty() || dir == null) {
      err.println(USAGE);
      return RoutemillCli.EXIT_USAGE;
    }
    ArchiveStore store;
    try {
      URI uri = dir.contains("://") ? URI.create(dir) : Path.of(dir).toAbsolutePath().normalize().toUri();
      store = new ArchiveStore(uri);
      store.fs().mkdirs(store.root());
    } catch (IOException | RuntimeException e) {
      err.println("routemill convert: cannot use " + dir + ": " + e.getMessage());
      return RoutemillCli.EXIT_UNREADABLE;
    }
    int status = RoutemillCli.EXIT_OK;
    for (String file : files) {
      status = Math.max(status, convert(file, store, collector, stdout, err));
    }
    return status;
  }

  private static int convert(String file, ArchiveStore store, String collector, PrintStream stdout, PrintStream err) {
    String name = Path.of(file).getFileName().toString().replaceFirst("\\.(gz|bz2)$", "") + ".parquet";
    org.apache.hadoop.fs.Path target = store.resolve(name);
    org.apache.hadoop.fs.Path tmp = store.temporary(target);
    boolean[] skipped = {false};
    Consumer<MrtProblem> problems = p -> {
      if (p.skipped()) skipped[0] = true;
      err.println("routemill: " + p);
    };
    ParquetConverter c = new ParquetConverter(store.conf(), tmp, collector);
    try {
      store.fs().mkdirs(tmp.getParent());
      new MrtSource(Path.of(file), collector).read(c, problems);
      c.close();
      org.apache.hadoop.fs.Path published = store.publish(tmp, target);
      stdout.println(published + ": " + c.rows() + " rows (" + (c.routes() ? "routes" : "updates") + ")");
    } catch (NoSuchFileException e) {
      c.abandon();
      store.discard(tmp);
      err.println("routemill: " + file + ": no such file");
      return RoutemillCli.EXIT_UNREADABLE;
    } catch (IOException | RuntimeException e) {
      c.abandon();
      store.discard(tmp);
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      err.println("routemill: " + file + ": " + cause.getMessage());
      return RoutemillCli.EXIT_UNREADABLE;
    }
    return skipped[0] ? RoutemillCli.EXIT_SKIPPED : RoutemillCli.EXIT_OK;
  }
}
