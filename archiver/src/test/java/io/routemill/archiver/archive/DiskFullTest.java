package io.routemill.archiver.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableKey;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Update;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (Hadoop's local file system then throws {@code FSError}, an {@code Error}, not an IOException):
 * every file of the RIB dump and of the updates interval that cannot be written is recorded under {@code missed}
 * (one entry per file), logged with its name and interval, and its temporary file is removed so it does not keep
 * the disk full; when the space is back the next interval and the next dump are written again.
 */
class DiskFullTest {
  private static final Instant T0 = Instant.parse("2025-03-01T07:58:00Z");
  private static final Instant T1 = Instant.parse("2025-03-01T08:00:00Z");
  private static final Instant T2 = Instant.parse("2025-03-01T08:05:00Z");

  @Test
  void aFullDiskIsRecordedPerFileAndArchivingRecovers(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    TestClock clock = new TestClock(T0);
    Archiver archiver = new Archiver(settings(FullDiskFileSystem.uri("disk-" + UUID.randomUUID(), root)),
        rib(2, 4), clock);
    LogCapture log = LogCapture.of("routemill.archive");
    try {
      archiver.start();
      FullDiskFileSystem disk = (FullDiskFileSystem) archiver.store().fs();
      long t = Instant.parse("2025-03-01T07:59:00Z").toEpochMilli() * 1000;
      for (int i = 0; i < 10; i++) archiver.accept(KillNineTest.routeUpdate(t + i, KillNineTest.update(1, i)));

      disk.fill();
      clock.set(T1);
      Archiver.DumpResult dump = archiver.dumpRibNow();
      assertEquals(List.of(), dump.published());
      assertEquals(List.of(), archiver.rotateNow(), "the interval 07:58-08:00 cannot be written");
      assertTrue(disk.refusedWrites() > 0, "the disk refused nothing");
      assertEquals(List.of(), temporaries(root).stream().filter(p -> !p.getFileName().toString().contains(".0800."))
          .toList(), "temporary files left on the full disk (besides the interval in progress, 08:00)");
      assertEquals(List.of(), disk.openFiles().stream().filter(n -> !n.contains(".0800.")).toList(),
          "files still open (their space is not freed when they are deleted)");

      List<String> expected = List.of(
          "rib mrt 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z",
          "rib parquet 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z",
          "updates mrt 2025-03-01T07:58:00Z 2025-03-01T08:00:00Z",
          "updates parquet 2025-03-01T07:58:00Z 2025-03-01T08:00:00Z");
      assertEquals(expected, describe(archiver.index().missed()));
      for (ArchiveIndex.Missed m : archiver.index().missed()) {
        assertTrue(m.error().startsWith("disk full: "), m.error());
        assertTrue(m.error().contains("No space left on device"), m.error());
      }
      for (String lost : List.of("rm00/2025.03/bview.20250301.0800.gz",
          "parquet/routes/dt=2025-03-01/rm00.routes.20250301.0800.p0.parquet",
          "rm00/2025.03/updates.20250301.0755.gz",
          "parquet/updates/dt=2025-03-01/hour=07/rm00.updates.20250301.0755.parquet")) {
        String interval = lost.contains("updates") ? T0 + " to " + T1 : T1.toString();
        assertTrue(log.errors().stream().anyMatch(l -> l.contains(lost) && l.contains(interval) && l.contains("disk full")),
            "no log line names " + lost + " and " + interval + ": " + log.errors());
      }

      // the space comes back: the interval in progress and the next dump are written
      disk.makeRoom();
      for (int i = 0; i < 5; i++) {
        archiver.accept(KillNineTest.routeUpdate(t + 120_000_000L + i, KillNineTest.update(2, i)));
      }
      clock.set(T2);
      List<ArchiveIndex.Entry> rotated = archiver.rotateNow();
      assertEquals(List.of("updates mrt 5", "updates parquet 5"), entries(rotated));
      assertEquals(List.of("rib mrt 2048", "rib parquet 2048"), entries(archiver.dumpRibNow().published()));
      assertTrue(Files.exists(root.resolve("rm00/2025.03/updates.20250301.0800.gz")));
      assertTrue(Files.exists(root.resolve("rm00/2025.03/bview.20250301.0805.gz")));
    } finally {
      archiver.close();
      log.close();
    }
    ArchiveIndex onDisk = ArchiveIndex.fromJson(Files.readString(root.resolve("index.json")));
    assertEquals(List.of(
        "rib mrt 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z",
        "rib parquet 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z",
        "updates mrt 2025-03-01T07:58:00Z 2025-03-01T08:00:00Z",
        "updates parquet 2025-03-01T07:58:00Z 2025-03-01T08:00:00Z"), describe(onDisk.missed()));
    assertTrue(onDisk.contains("rm00/2025.03/bview.20250301.0805.gz"), onDisk.toJson());
    assertTrue(onDisk.contains("rm00/2025.03/updates.20250301.0800.gz"), onDisk.toJson());
    assertEquals(List.of(), temporaries(root));
  }

  /** A write that fails in the middle of an interval (not at its close) loses that interval only. */
  @Test
  void aWriteFailingMidIntervalAbandonsTheFileAtOnce(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    TestClock clock = new TestClock(T0);
    Archiver archiver = new Archiver(settings(FullDiskFileSystem.uri("disk-" + UUID.randomUUID(), root)),
        new Rib(), clock);
    try {
      archiver.start();
      FullDiskFileSystem disk = (FullDiskFileSystem) archiver.store().fs();
      disk.leave(100_000); // the updates files' buffers (64 KB) fill before the interval ends
      long t = Instant.parse("2025-03-01T07:59:00Z").toEpochMilli() * 1000;
      int i = 0;
      for (; disk.refusedWrites() == 0; i++) {
        archiver.accept(KillNineTest.routeUpdate(t + i, KillNineTest.update(i >>> 8 & 0xFF, i & 0xFF)));
        assertTrue(i < 2_000_000, "the disk never filled");
      }
      // The MRT file is compressed on its own thread: its failure shows at the archiver's next write, and the
      // file is abandoned then, within the interval.
      for (int more = 0; disk.openFiles().stream().anyMatch(n -> n.contains(".gz.")); more++, i++) {
        assertTrue(more < 100_000, "the MRT file was not abandoned after its write failed: " + disk.openFiles());
        archiver.accept(KillNineTest.routeUpdate(t + i, KillNineTest.update(i >>> 8 & 0xFF, i & 0xFF)));
      }
      assertEquals(List.of(),
          temporaries(root).stream().filter(p -> p.getFileName().toString().contains(".gz.")).toList(),
          "the abandoned MRT file is removed");
      assertEquals(1, disk.openFiles().size(), "only the Parquet file is open: " + disk.openFiles());
      disk.makeRoom();
      clock.set(T1);
      List<String> published = entries(archiver.rotateNow()).stream().map(s -> s.substring(0, s.lastIndexOf(' ')))
          .toList();
      assertTrue(!published.contains("updates mrt"), published.toString());
      assertTrue(describe(archiver.index().missed()).contains("updates mrt 2025-03-01T07:58:00Z 2025-03-01T08:00:00Z"),
          archiver.index().missed().toString());
      archiver.accept(KillNineTest.routeUpdate(T1.toEpochMilli() * 1000 + 1, KillNineTest.update(3, 3)));
      clock.set(T2);
      assertEquals(List.of("updates mrt 1", "updates parquet 1"), entries(archiver.rotateNow()));
    } finally {
      archiver.close();
    }
    assertEquals(List.of(), temporaries(root));
  }

  /**
   * Files that fail after their first bytes (Parquet then "aborts" its writer and does not close the stream): the
   * files are removed and closed, so their space is free again, and recorded as missed.
   */
  @Test
  void filesFailingHalfWrittenAreClosedAndRemoved(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    TestClock clock = new TestClock(T0);
    Archiver archiver = new Archiver(settings(FullDiskFileSystem.uri("disk-" + UUID.randomUUID(), root)),
        rib(2, 32), clock);
    try {
      archiver.start();
      FullDiskFileSystem disk = (FullDiskFileSystem) archiver.store().fs();
      disk.limitEachFile(16 << 10);
      clock.set(T1);
      assertEquals(List.of(), archiver.dumpRibNow().published());
      assertEquals(List.of("rib mrt 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z",
          "rib parquet 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z"), describe(archiver.index().missed()));
      assertEquals(List.of(), temporaries(root).stream().filter(p -> !p.getFileName().toString().contains("updates"))
          .toList());
      assertEquals(List.of(), disk.openFiles().stream().filter(n -> !n.contains("updates")).toList(),
          "files still open (their space is not freed when they are deleted)");
      disk.makeRoom();
      clock.set(T2);
      assertEquals(List.of("rib mrt 16384", "rib parquet 16384"), entries(archiver.dumpRibNow().published()));
    } finally {
      archiver.close();
    }
    assertEquals(List.of(), temporaries(root));
  }

  static ArchiveSettings settings(java.net.URI root) {
    return new ArchiveSettings(root, "rm00", Duration.ofMinutes(5), Duration.ofHours(8),
        ArchiveSettings.DEFAULT_VIEWS, true);
  }

  /** A RIB of {@code tables} BMP peers with {@code blocks} x 256 routes each. */
  static Rib rib(int tables, int blocks) {
    Rib rib = new Rib();
    for (int p = 0; p < tables; p++) {
      PeerTable table = rib.table(new TableKey("192.0.2.1", Source.BMP, "192.0.2." + (10 + p), 0, RibView.ADJ_IN_PRE));
      table.setPeerAsn(65001 + p);
      for (int a = 0; a < blocks; a++) {
        for (int b = 0; b < 256; b++) {
          Update u = (Update) BgpMessageDecoder.decode(Unpooled.wrappedBuffer(KillNineTest.update(a, b)),
              DecodeContext.AS4);
          table.apply(u, T0.toEpochMilli());
        }
      }
    }
    return rib;
  }

  static List<String> describe(List<ArchiveIndex.Missed> missed) {
    List<String> out = new ArrayList<>();
    for (ArchiveIndex.Missed m : missed) out.add(m.kind() + " " + m.format() + " " + m.start() + " " + m.end());
    Collections.sort(out);
    return out;
  }

  static List<String> entries(List<ArchiveIndex.Entry> entries) {
    List<String> out = new ArrayList<>();
    for (ArchiveIndex.Entry e : entries) out.add(e.kind() + " " + e.format() + " " + e.records());
    Collections.sort(out);
    return out;
  }

  static List<Path> temporaries(Path root) throws IOException {
    if (!Files.exists(root)) return List.of();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().startsWith(ArchiveStore.TEMP_PREFIX)).toList();
    }
  }

  /** The messages of one logger's records at SEVERE (System.Logger's ERROR), while open. */
  static final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    private LogCapture(Logger logger) {
      this.logger = logger;
    }

    static LogCapture of(String name) {
      LogCapture c = new LogCapture(Logger.getLogger(name));
      c.logger.addHandler(c);
      return c;
    }

    List<String> errors() {
      synchronized (errors) {
        return List.copyOf(errors);
      }
    }

    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) errors.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}
