package io.routemill.archiver.archive;

import io.routemill.archiver.parquet.AttributeColumns;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.event.RouteEvent;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;

/**
 * The archiver: a consumer of the collector's {@link RouteEvent} stream writing the updates archive (MRT and
 * Parquet, rotated on clock-aligned intervals), and the RIB dumps (TABLE_DUMP_V2 and Parquet {@code routes}),
 * published atomically and listed in {@code index.json}.
 *
 * <h2>Threads</h2>
 * Events arrive on the stream's dispatcher thread ({@link #accept}); a timer thread rotates the updates files when
 * the clock passes an interval's end (also when no event comes) and starts the RIB dumps; a dump runs on its own
 * thread and writes its Parquet parts in parallel. A rotation swaps the current interval under a lock held for
 * microseconds (file creation) and then finishes the old one (close, rename, hash, index) outside it.
 *
 * <h2>Failures</h2>
 * A file that cannot be written (disk full, permission denied, a failing remote store) is abandoned: its temporary
 * file is removed, the interval is recorded as missed in the index (and logged), and collecting goes on; the next
 * interval tries again. Temporary files left by a killed process are removed at {@link #start}, and recorded as
 * missed too.
 *
 * <h2>Shutdown</h2>
 * A dump's snapshot copies the tables one after the other, so the sources must not flush the routers' tables
 * (BMP sessions ending) while it runs, or the dump would hold some peers and not others. The service calls
 * {@link #stopDumps} before it closes the sources: no dump starts from then on, and a dump taking its snapshot
 * finishes taking it first; it then writes its files from the snapshot, which {@link #close} waits for.
 */
public final class Archiver implements Consumer<RouteEvent>, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("routemill.archive");

  private final ArchiveSettings settings;
  private final Rib rib;
  private final Clock clock;
  private final Binary collector;
  private final int parquetParts;
  private volatile ArchiveStore store;
  private ArchiveIndex index = new ArchiveIndex();
  private final ReentrantLock lock = new ReentrantLock();
  private UpdatesFile current;
  private boolean started;
  private boolean closed;
  /** Held by the dump running (one at a time). */
  private final ReentrantLock dumping = new ReentrantLock();
  /** Held while a dump takes its snapshot; {@link #stopDumps} waits for it. */
  private final ReentrantLock snapshotGate = new ReentrantLock();
  private volatile boolean dumpsStopped;
  private ScheduledExecutorService timer;
  private ExecutorService dumper;
  private final AtomicLong events = new AtomicLong();
  private volatile Consumer<TableKey> snapshotProbe;

  /** @param clock the time of rotations and dumps (events carry their own time) */
  public Archiver(ArchiveSettings settings, Rib rib, Clock clock) {
    this.settings = settings;
    this.rib = rib;
    this.clock = clock;
    this.collector = Binary.fromString(settings.collector());
    this.parquetParts = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  public ArchiveSettings settings() {
    return settings;
  }

  /** The archive's file system; null before {@link #start}. */
  public ArchiveStore store() {
    return store;
  }

  public ArchiveIndex index() {
    return index;
  }

  /**
   * Tests only: {@code probe} is called on a RIB dump's thread after its snapshot copied each table (null: none),
   * so a test can hold a dump in the middle of its snapshot.
   */
  public void onSnapshotTable(Consumer<TableKey> probe) {
    snapshotProbe = probe;
  }

  /** Events archived since start. */
  public long events() {
    return events.get();
  }

  /**
   * Creates the root if needed, removes leftovers of a killed process (recorded as missed), loads and reconciles
   * the index with the files present, opens the first updates interval and starts the timers.
   */
  public void start() throws IOException {
    lock.lock();
    try {
      if (started) throw new IllegalStateException("archiver already started");
      started = true;
      store = new ArchiveStore(settings.root());
      if (!store.fs().mkdirs(store.root())) throw new IOException("cannot create the archive root " + store.root());
      store.checkWritable();
      loadIndex();
      for (Path leftover : store.cleanLeftovers()) {
        String name = leftover.getName().substring(ArchiveStore.TEMP_PREFIX.length());
        int uuid = name.lastIndexOf('.');
        ArchiveNames.Parsed p = ArchiveNames.parse(uuid > 0 ? name.substring(0, uuid) : name);
        LOG.log(Level.WARNING, "removed " + leftover + ", left by a routemill that stopped while writing it");
        if (p != null && !name.startsWith(ArchiveStore.INDEX)) {
          Duration interval = p.kind().equals("updates") ? settings.updatesInterval() : Duration.ZERO;
          index.addMissed(new ArchiveIndex.Missed(p.kind(), p.format(), settings.collector(), p.start(),
              p.start().plus(interval), "routemill stopped before the file was complete; the partial file was removed"
              + " at the next start", clock.instant()));
        }
      }
      saveIndex();
      current = open(clock.instant());
    } finally {
      lock.unlock();
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "routemill-archive-timer"));
    dumper = Executors.newSingleThreadExecutor(r -> daemon(r, "routemill-archive-dump"));
    scheduleRotation();
    scheduleDump();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private UpdatesFile open(Instant from) {
    Instant end = ArchiveNames.alignedStart(from, settings.updatesInterval()).plus(settings.updatesInterval());
    UpdatesFile f = new UpdatesFile(store, settings, from, end, collector);
    if (f.mrtError != null) LOG.log(Level.ERROR, "cannot write " + f.mrtName + ": " + f.mrtError);
    if (f.parquetError != null) LOG.log(Level.ERROR, "cannot write " + f.parquetName + ": " + f.parquetError);
    return f;
  }

  // ---- updates ----

  /** Whether the updates archive holds events of this kind (UPDATEs, End-of-RIB, session state changes). */
  public static boolean archivable(RouteEvent event) {
    return UpdatesFile.archives(event);
  }

  /**
   * Archives the peer events of the archived views that the updates archive holds: UPDATEs (End-of-RIB included)
   * and session state changes; the rest (statistics, MRT table entries, router events) is not archived.
   */
  @Override
  public void accept(RouteEvent event) {
    if (!(event instanceof RouteEvent.PeerEvent pe) || !UpdatesFile.archives(event)) return;
    if (!settings.archives(pe.peer().source(), pe.peer().view())) return;
    UpdatesFile finished = null;
    lock.lock();
    try {
      if (current == null) return; // not started, or closed
      Instant t = Instant.ofEpochSecond(0, event.receivedAtMicros() * 1000);
      if (!t.isBefore(current.end)) {
        finished = current;
        current = open(t);
      }
      current.write(pe);
      events.incrementAndGet();
    } finally {
      lock.unlock();
    }
    if (finished != null) finish(finished, finished.end);
  }

  /**
   * Closes the current updates interval now and publishes its files (the next interval starts at once); returns
   * what was published. For tests and operators; the timer does the same at every interval's end.
   */
  public List<ArchiveIndex.Entry> rotateNow() {
    UpdatesFile finished;
    Instant now = clock.instant();
    lock.lock();
    try {
      if (current == null) return List.of();
      finished = current;
      current = closed ? null : open(now);
    } finally {
      lock.unlock();
    }
    return finish(finished, now);
  }

  private void tick() {
    try {
      Instant now = clock.instant();
      UpdatesFile finished = null;
      lock.lock();
      try {
        if (current != null && !now.isBefore(current.end)) {
          finished = current;
          current = open(now);
        }
      } finally {
        lock.unlock();
      }
      if (finished != null) finish(finished, finished.end);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "updates rotation failed", e);
    } finally {
      scheduleRotation();
    }
  }

  private void scheduleRotation() {
    ScheduledExecutorService t = timer;
    if (t == null || t.isShutdown()) return;
    long now = clock.millis();
    long ms = settings.updatesInterval().toMillis();
    long next = Math.floorDiv(now, ms) * ms + ms;
    try {
      t.schedule(this::tick, Math.max(1, next - now), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException ignored) {
      // closing
    }
  }

  private synchronized List<ArchiveIndex.Entry> finish(UpdatesFile f, Instant closedAt) {
    f.close();
    List<ArchiveIndex.Entry> published = f.publish(settings.collector(), closedAt);
    Instant until = closedAt.isBefore(f.end) ? closedAt : f.end;
    for (ArchiveIndex.Entry e : published) {
      index.add(e);
      LOG.log(Level.INFO, "published " + e.path() + " (" + e.records() + " records, " + e.bytes() + " bytes)");
    }
    if (f.mrtError != null) missed("updates", "mrt", f.start, until, f.mrtName, f.mrtError);
    if (f.parquetError != null) missed("updates", "parquet", f.start, until, f.parquetName, f.parquetError);
    saveIndex();
    return published;
  }

  private void missed(String kind, String format, Instant start, Instant end, String name, String error) {
    String interval = kind.equals("rib") ? "the RIB dump of " + start : "the updates from " + start + " to " + end;
    LOG.log(Level.ERROR, "lost " + name + ", " + interval + ": " + error + "; recorded as missed, collecting goes on");
    index.addMissed(new ArchiveIndex.Missed(kind, format, settings.collector(), start, end, error, clock.instant()));
  }

  // ---- RIB dumps ----

  private void scheduleDump() {
    ScheduledExecutorService t = timer;
    if (t == null || t.isShutdown()) return;
    long now = clock.millis();
    long ms = settings.ribInterval().toMillis();
    long next = Math.floorDiv(now, ms) * ms + ms;
    try {
      t.schedule(() -> {
        Instant due = Instant.ofEpochMilli(next);
        if (dumpsStopped) return;
        if (clock.instant().isBefore(due)) {
          scheduleDump(); // an injected clock that has not got there yet
          return;
        }
        dumper.execute(() -> {
          try {
            dumpRibNow();
          } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "RIB dump failed", e);
          }
        });
        scheduleDump();
      }, Math.max(1, next - now), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException ignored) {
      // closing
    }
  }

  /** The result of one RIB dump. */
  public record DumpResult(Instant at, long routes, long snapshotMillis, long mrtMillis, long parquetMillis,
      List<ArchiveIndex.Entry> published) {}

  /**
   * Dumps the archived views of the RIB now, as {@code bview.*.gz} and Parquet {@code routes}: a snapshot (each
   * table copied under its own read lock), then the MRT file and the Parquet parts written in parallel. After
   * {@link #stopDumps} nothing is dumped (the result lists nothing).
   */
  public DumpResult dumpRibNow() {
    if (dumpsStopped) return notStarted(clock.instant());
    dumping.lock();
    try {
      Instant at = clock.instant();
      Duration interval = settings.ribInterval();
      Instant named = interval.toSeconds() % 60 == 0 ? Instant.ofEpochSecond(at.getEpochSecond() / 60 * 60)
          : Instant.ofEpochSecond(at.getEpochSecond());
      long t0 = System.nanoTime();
      List<ArchiveIndex.Entry> published = new ArrayList<>();
      RibSnapshot taken;
      snapshotGate.lock();
      try {
        if (dumpsStopped) return notStarted(at); // the shutdown began while this dump waited for the one before
        taken = RibSnapshot.take(rib, key -> settings.archives(key.source(), key.rib()), at.toEpochMilli(),
            snapshotProbe);
      } finally {
        snapshotGate.unlock();
      }
      try (RibSnapshot snapshot = taken) {
        long t1 = System.nanoTime();
        long[] mrtNanos = {0};
        long[] parquetNanos = {0};
        ExecutorService pool = Executors.newFixedThreadPool(1 + parquetParts, r -> daemon(r, "routemill-archive-write"));
        try {
          Future<ArchiveIndex.Entry> mrt = pool.submit(() -> {
            long s = System.nanoTime();
            try {
              return writeBview(snapshot, named, at);
            } finally {
              mrtNanos[0] = System.nanoTime() - s;
            }
          });
          long s = System.nanoTime();
          List<ArchiveIndex.Entry> parts = writeRoutesParquet(snapshot, named, at, pool);
          parquetNanos[0] = System.nanoTime() - s;
          try {
            ArchiveIndex.Entry m = mrt.get();
            if (m != null) published.add(m);
          } catch (ExecutionException e) { // not an I/O failure (writeBview records those): still a lost file
            LOG.log(Level.ERROR, "RIB dump failed", e.getCause());
            missed("rib", "mrt", at, at, ArchiveNames.bview(settings.collector(), named, interval),
                UpdatesFile.describe(e.getCause()));
          }
          published.addAll(parts);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          pool.shutdownNow();
        }
        for (ArchiveIndex.Entry e : published) {
          index.add(e);
          LOG.log(Level.INFO, "published " + e.path() + " (" + e.records() + " routes, " + e.bytes() + " bytes)");
        }
        saveIndex();
        return new DumpResult(at, snapshot.routes(), (t1 - t0) / 1_000_000, mrtNanos[0] / 1_000_000,
            parquetNanos[0] / 1_000_000, published);
      }
    } finally {
      dumping.unlock();
    }
  }

  private static DumpResult notStarted(Instant at) {
    LOG.log(Level.INFO, "RIB dump of " + at + " not started: routemill is shutting down");
    return new DumpResult(at, 0, 0, 0, 0, List.of());
  }

  /**
   * The first step of the shutdown, before the sources close: from now on no RIB dump starts, and a dump taking
   * its snapshot finishes taking it before this returns (it then writes its files from the snapshot, whatever
   * happens to the RIB; {@link #close} waits for them). Idempotent.
   */
  public void stopDumps() {
    if (!dumpsStopped && snapshotGate.isLocked()) {
      LOG.log(Level.INFO, "shutting down: waiting for the RIB dump's snapshot before the sources close");
    }
    dumpsStopped = true;
    snapshotGate.lock(); // held by a dump taking its snapshot: wait for it
    snapshotGate.unlock();
  }

  /** Whether {@link #stopDumps} was called: no RIB dump starts any more. */
  public boolean dumpsStopped() {
    return dumpsStopped;
  }

  private ArchiveIndex.Entry writeBview(RibSnapshot snapshot, Instant named, Instant at) {
    String name = ArchiveNames.bview(settings.collector(), named, settings.ribInterval());
    Path target = store.resolve(name);
    Path tmp = store.temporary(target);
    boolean published = false;
    try {
      long routes;
      ArchiveStore.HashingOutputStream hash;
      try (FSDataOutputStream raw = store.create(tmp)) {
        hash = new ArchiveStore.HashingOutputStream(raw);
        try (OutputStream gz = Gzip.output(hash, settings.gzipLevel())) {
          routes = RibDump.writeMrt(snapshot, gz, "", at.getEpochSecond());
        }
      }
      Path p = store.publish(tmp, target);
      published = true;
      return new ArchiveIndex.Entry(store.relative(p), "rib", "mrt", settings.collector(), at, at, routes, hash.count(),
          hash.sha256());
    } catch (IOException | RuntimeException e) {
      missed("rib", "mrt", at, at, name, UpdatesFile.describe(e));
      return null;
    } finally {
      if (!published) store.discard(tmp); // also when an Error ends the dump: nothing partial keeps the disk full
    }
  }

  private List<ArchiveIndex.Entry> writeRoutesParquet(RibSnapshot snapshot, Instant named, Instant at,
      ExecutorService pool) throws InterruptedException {
    List<RibDump.TableColumns> columns = RibDump.columns(snapshot);
    int parts = snapshot.routes() < 200_000 ? 1 : parquetParts;
    List<long[]> v4 = snapshot.splits(false, parts);
    List<long[]> v6 = snapshot.splits(true, parts);
    List<Future<ArchiveIndex.Entry>> futures = new ArrayList<>();
    for (int part = 0; part < parts; part++) {
      final int p = part;
      futures.add(pool.submit(() -> {
        String name = ArchiveNames.routesParquet(settings.collector(), named, settings.ribInterval(), p);
        Path target = store.resolve(name);
        Path tmp = store.temporary(target);
        Path published = null;
        try {
          long rows = 0;
          Int2ObjectOpenHashMap<AttributeColumns> cache = new Int2ObjectOpenHashMap<>();
          try (RouteParquetWriter w = new RouteParquetWriter(store.parquetFile(tmp), store.conf(), false)) {
            rows += RibDump.writeParquet(snapshot, w, columns, collector, false, bound(v4, p - 1), bound(v4, p), cache);
            rows += RibDump.writeParquet(snapshot, w, columns, collector, true, bound(v6, p - 1), bound(v6, p), cache);
          }
          published = store.publish(tmp, target);
          return new ArchiveIndex.Entry(store.relative(published), "rib", "parquet", settings.collector(), at, at, rows,
              store.fs().getFileStatus(published).getLen(), store.sha256(published));
        } catch (IOException | RuntimeException e) {
          missed("rib", "parquet", at, at, name, UpdatesFile.describe(e));
          return null;
        } finally {
          if (published == null) store.discard(tmp);
        }
      }));
    }
    List<ArchiveIndex.Entry> out = new ArrayList<>();
    for (int part = 0; part < parts; part++) {
      try {
        ArchiveIndex.Entry e = futures.get(part).get();
        if (e != null) out.add(e);
      } catch (ExecutionException e) { // not an I/O failure (those are recorded above): still a lost file
        LOG.log(Level.ERROR, "writing Parquet routes failed", e.getCause());
        missed("rib", "parquet", at, at, ArchiveNames.routesParquet(settings.collector(), named, settings.ribInterval(),
            part), UpdatesFile.describe(e.getCause()));
      }
    }
    return out;
  }

  /** Split {@code i} of a list of split points: null before the first and after the last. */
  private static long[] bound(List<long[]> splits, int i) {
    return i < 0 || i >= splits.size() ? null : splits.get(i);
  }

  // ---- index ----

  private void loadIndex() {
    ArchiveIndex loaded = new ArchiveIndex();
    try {
      String text = store.readIndex();
      if (text != null) loaded = ArchiveIndex.fromJson(text);
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      LOG.log(Level.WARNING, "index.json is unreadable (" + e.getMessage() + "); rebuilding it from the files");
    }
    // files published by a process that died before updating the index, and entries whose file is gone
    List<String> present = new ArrayList<>();
    try {
      for (FileStatus s : store.publishedFiles()) {
        String rel = store.relative(s.getPath());
        present.add(rel);
        if (loaded.contains(rel)) continue;
        ArchiveNames.Parsed p = ArchiveNames.parse(s.getPath().getName());
        if (p == null) continue;
        loaded.add(new ArchiveIndex.Entry(rel, p.kind(), p.format(), settings.collector(), p.start(),
            p.kind().equals("updates") ? p.start().plus(settings.updatesInterval()) : p.start(), countRecords(s, p),
            s.getLen(), store.sha256(s.getPath())));
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list the archive: " + e.getMessage());
    }
    loaded.retain(e -> present.contains(e.path()));
    index = loaded;
  }

  private long countRecords(FileStatus s, ArchiveNames.Parsed p) {
    try {
      return ArchiveFiles.countRecords(store, s.getPath(), p.format());
    } catch (IOException | RuntimeException | org.apache.hadoop.fs.FSError e) {
      return -1;
    }
  }

  private void saveIndex() {
    try {
      store.writeIndex(index.toJson());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "cannot write " + ArchiveStore.INDEX + ": " + UpdatesFile.describe(e)
          + "; it will be written with the next file");
    }
  }

  /**
   * Stops the dumps ({@link #stopDumps}) and the timers, waits (up to a minute) for a dump in progress to write its
   * files, and publishes the current (partial) updates interval. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) return;
      closed = true;
    } finally {
      lock.unlock();
    }
    stopDumps();
    if (timer != null) timer.shutdownNow();
    if (dumper != null) dumper.shutdown();
    try {
      if (dumping.tryLock(1, TimeUnit.MINUTES)) {
        dumping.unlock();
      } else {
        LOG.log(Level.WARNING, "a RIB dump is still being written after a minute; closing without waiting for it"
            + " (its temporary files are removed, and recorded as missed, at the next start)");
      }
      if (dumper != null) dumper.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rotateNow();
  }
}
