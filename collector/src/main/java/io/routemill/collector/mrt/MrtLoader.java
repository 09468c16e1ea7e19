package io.routemill.collector.mrt;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.ingest.Outcome;
import io.routemill.wire.mrt.MrtProblem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Loads MRT files into the RIB through the {@link Ingest} ({@code routemill run --load FILE...}): each file's
 * events ({@link MrtSource}) are applied and published in file order, on the calling thread, honouring the
 * stream's back-pressure: after an event that leaves the stream backlogged, the thread waits until
 * {@link Ingest#whenWritable} calls back. Each file logs one line, {@code loaded FILE: N table entries, M updates
 * … from P peers, K problems … in T s}; its first problems are logged one by one. A file that cannot be opened is
 * an error naming it, and the other files still load.
 */
public final class MrtLoader {
  private static final System.Logger LOG = System.getLogger(MrtLoader.class.getName());
  /** Problems logged one by one per file; the rest are only counted. */
  static final int LOGGED_PROBLEMS = 10;

  private final Ingest ingest;

  public MrtLoader(Ingest ingest) {
    this.ingest = ingest;
  }

  /** What became of one file: its summary, or why it could not be loaded (then {@code summary} is null). */
  public record Result(Path file, MrtSummary summary, String error) {
    public boolean loaded() {
      return error == null;
    }
  }

  /**
   * Loads the files in turn, their peers under {@code router} (null: derived per file, see {@link MrtSource}).
   * Returns one result per file, in order; stops early, with the interrupt flag set, when the thread is
   * interrupted.
   */
  public List<Result> loadAll(List<Path> files, String router) {
    List<Result> results = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        results.add(new Result(file, load(file, router), null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        results.add(new Result(file, null, "interrupted"));
        LOG.log(Level.WARNING, "loading " + file + " interrupted");
        break;
      } catch (NoSuchFileException e) {
        results.add(failed(file, "no such file"));
      } catch (IOException | RuntimeException e) {
        results.add(failed(file, e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }
    return results;
  }

  private static Result failed(Path file, String reason) {
    LOG.log(Level.ERROR, "cannot load " + file + ": " + reason);
    return new Result(file, null, reason);
  }

  /** Loads one file; see {@link #loadAll}. */
  public MrtSummary load(Path file, String router) throws IOException, InterruptedException {
    return load(file, router, p -> {});
  }

  /** Loads one file, also handing every problem to {@code problems}. */
  public MrtSummary load(Path file, String router, Consumer<? super MrtProblem> problems)
      throws IOException, InterruptedException {
    long[] counts = new long[2]; // problems, updates not applied
    Consumer<MrtProblem> logged = p -> {
      if (counts[0]++ < LOGGED_PROBLEMS) LOG.log(Level.WARNING, p.toString());
      problems.accept(p);
    };
    MrtSummary s;
    try {
      s = new MrtSource(file, router).read(e -> {
        if (ingest.apply(e) == Outcome.REJECTED) counts[1]++;
        awaitWritable();
      }, logged);
    } catch (InterruptedIOException e) {
      Thread.interrupted();
      throw new InterruptedException(e.getMessage());
    }
    LOG.log(Level.INFO, "loaded " + file + " as " + s.router() + ": " + s.describe()
        + (counts[1] > 0 ? "; " + counts[1] + " UPDATEs not applied (RFC 7606: worse than treat-as-withdraw)" : ""));
    return s;
  }

  /** Blocks while the stream is backlogged. An interrupt is kept in the thread's flag (the source then stops). */
  private void awaitWritable() {
    if (!ingest.backlogged()) return;
    CountDownLatch writable = new CountDownLatch(1);
    ingest.whenWritable(writable::countDown);
    try {
      writable.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
