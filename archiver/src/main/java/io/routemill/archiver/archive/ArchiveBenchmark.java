package io.routemill.archiver.archive;

import io.routemill.archiver.parquet.AttributeColumns;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.station.BmpStation;
import io.routemill.collector.stream.RouteEventStream;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;

/**
 * {@code scripts/bench archive}: a RIB of PEERS full tables (loaded from the BMP stream the bench module
 * generates) dumped as TABLE_DUMP_V2 (gzip) and as the Parquet {@code routes} table, each on its own, then both
 * together as the archiver does. Reports routes/s and bytes. Not a test: it reports, it asserts nothing.
 *
 * <p>Arguments: STREAM PATHS OUTDIR [PARQUET_THREADS].
 */
public final class ArchiveBenchmark {
  private ArchiveBenchmark() {}

  public static void main(String[] args) throws Exception {
    java.nio.file.Path stream = java.nio.file.Path.of(args[0]);
    long paths = Long.parseLong(args[1]);
    java.nio.file.Path out = java.nio.file.Path.of(args[2]).toAbsolutePath();
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : Math.min(4, Runtime.getRuntime().availableProcessors());
    Files.createDirectories(out);
    Rib rib = new Rib();
    try (BmpStation station = new BmpStation("127.0.0.1", 0, new Ingest(rib, RouteEventStream.NONE),
        Clock.systemUTC())) {
      int port = station.start();
      long t0 = System.nanoTime();
      // the connection stays open to the end: the station drops a router's tables when its session closes
      SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
      try (FileChannel file = FileChannel.open(stream, StandardOpenOption.READ)) {
        long sent = 0;
        long size = file.size();
        while (sent < size) sent += file.transferTo(sent, size - sent, socket);
        while (loaded(rib) < paths) LockSupport.parkNanos(5_000_000);
      }
      System.out.printf("RIB loaded: %,d paths in %d tables (%.1f s)%n", loaded(rib), rib.keys().size(),
          (System.nanoTime() - t0) / 1e9);

      ArchiveStore store = new ArchiveStore(out.toUri());
      for (int run = 1; run <= 2; run++) {
        System.out.printf("-- run %d%n", run);
        long s0 = System.nanoTime();
        try (RibSnapshot snap = RibSnapshot.take(rib, k -> true, System.currentTimeMillis(), null)) {
          double snapSeconds = (System.nanoTime() - s0) / 1e9;
          long routes = snap.routes();
          System.out.printf("snapshot: %,d routes in %.2f s (tables copied one at a time under their read lock)%n",
              routes, snapSeconds);

          Path mrt = new Path(store.root(), "bench.bview.gz");
          store.fs().delete(mrt, false);
          long m0 = System.nanoTime();
          long entries;
          ArchiveStore.HashingOutputStream hash;
          try (FSDataOutputStream raw = store.create(mrt)) {
            hash = new ArchiveStore.HashingOutputStream(raw);
            try (OutputStream gz = new GZIPOutputStream(hash, 1 << 16)) {
              entries = RibDump.writeMrt(snap, gz, "", System.currentTimeMillis() / 1000);
            }
          }
          double mrtSeconds = (System.nanoTime() - m0) / 1e9;
          long mrtBytes = store.fs().getFileStatus(mrt).getLen();
          System.out.printf("MRT TABLE_DUMP_V2 gz: %,d entries, %,d bytes, %.2f s, %,.0f routes/s (1 thread)%n",
              entries, mrtBytes, mrtSeconds, entries / mrtSeconds);

          long p0 = System.nanoTime();
          long[] rowsAndBytes = parquet(store, snap, threads);
          double pqSeconds = (System.nanoTime() - p0) / 1e9;
          System.out.printf("Parquet routes (ZSTD): %,d rows, %,d bytes in %d files, %.2f s, %,.0f routes/s (%d threads)%n",
              rowsAndBytes[0], rowsAndBytes[1], threads, pqSeconds, rowsAndBytes[0] / pqSeconds, threads);
          System.out.printf("Parquet / MRT gz size: %.2f (target <= 1.3)%n", rowsAndBytes[1] / (double) mrtBytes);
        }
      }
      Archiver archiver = new Archiver(new ArchiveSettings(out.resolve("archive").toUri(), "rm00",
          java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(8), ArchiveSettings.KNOWN_VIEWS, true), rib,
          Clock.systemUTC());
      archiver.start();
      long a0 = System.nanoTime();
      Archiver.DumpResult r = archiver.dumpRibNow();
      double total = (System.nanoTime() - a0) / 1e9;
      archiver.close();
      System.out.printf("archiver dumpRibNow (MRT and Parquet together): %,d routes in %.2f s (snapshot %d ms,"
          + " MRT %d ms, Parquet %d ms concurrently): %,.0f routes/s%n", r.routes(), total, r.snapshotMillis(),
          r.mrtMillis(), r.parquetMillis(), r.routes() / total);
      System.out.flush();
      // not part of the benchmark: closing the station drops the 10 full tables one route at a time (minutes)
      Runtime.getRuntime().halt(0);
    }
  }

  private static long[] parquet(ArchiveStore store, RibSnapshot snap, int parts) throws Exception {
    List<RibDump.TableColumns> columns = RibDump.columns(snap);
    List<long[]> v4 = snap.splits(false, parts);
    List<long[]> v6 = snap.splits(true, parts);
    ExecutorService pool = Executors.newFixedThreadPool(parts);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        int part = p;
        futures.add(pool.submit(() -> {
          Path file = new Path(store.root(), "bench.routes.p" + part + ".parquet");
          store.fs().delete(file, false);
          long rows = 0;
          Int2ObjectOpenHashMap<AttributeColumns> cache = new Int2ObjectOpenHashMap<>();
          Binary collector = Binary.fromString("rm00");
          try (RouteParquetWriter w = new RouteParquetWriter(store.conf(), file, false)) {
            rows += RibDump.writeParquet(snap, w, columns, collector, false, bound(v4, part - 1), bound(v4, part), cache);
            rows += RibDump.writeParquet(snap, w, columns, collector, true, bound(v6, part - 1), bound(v6, part), cache);
          }
          return new long[] {rows, store.fs().getFileStatus(file).getLen()};
        }));
      }
      long rows = 0;
      long bytes = 0;
      for (Future<long[]> f : futures) {
        rows += f.get()[0];
        bytes += f.get()[1];
      }
      return new long[] {rows, bytes};
    } finally {
      pool.shutdown();
    }
  }

  private static long[] bound(List<long[]> splits, int i) {
    return i < 0 || i >= splits.size() ? null : splits.get(i);
  }

  private static long loaded(Rib rib) {
    long n = 0;
    for (TableKey key : rib.keys()) {
      TableCounts c = rib.counts(key);
      if (c != null) n += c.pathsIpv4() + c.pathsIpv6();
    }
    return n;
  }
}
