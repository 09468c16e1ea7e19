package io.routemill.archiver.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.rib.Rib;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that cannot be written (here: its directory cannot be created, as with a full disk or a read-only mount)
 * is abandoned and recorded as missed, the other format and the next interval are written, and nothing partial
 * is left behind.
 */
class WriteFailureTest {
  @Test
  void anUnwritableFileIsReportedAndArchivingGoesOn(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    Files.createDirectories(root);
    Files.writeString(root.resolve("rm00"), "a file where the MRT directory should be");
    TestClock clock = new TestClock(Instant.parse("2025-03-01T07:58:00Z"));
    Archiver archiver = new Archiver(new ArchiveSettings(root.toUri(), "rm00", Duration.ofMinutes(5),
        Duration.ofHours(8), ArchiveSettings.DEFAULT_VIEWS, true), new Rib(), clock);
    archiver.start();

    long t = Instant.parse("2025-03-01T07:59:00Z").toEpochMilli() * 1000;
    for (int i = 0; i < 10; i++) archiver.accept(KillNineTest.routeUpdate(t + i, KillNineTest.update(1, i)));

    clock.set(Instant.parse("2025-03-01T08:00:00Z"));
    Archiver.DumpResult dump = archiver.dumpRibNow();
    assertEquals(List.of("parquet"), dump.published().stream().map(ArchiveIndex.Entry::format).toList());
    assertTrue(archiver.index().missed().stream().anyMatch(m -> m.kind().equals("rib") && m.format().equals("mrt")));

    Files.delete(root.resolve("rm00")); // the operator frees the space: the next interval is written
    List<ArchiveIndex.Entry> first = archiver.rotateNow();
    assertEquals(1, first.size(), "only the Parquet file of the broken interval: " + first);
    assertEquals("parquet", first.get(0).format());
    assertEquals(10, first.get(0).records());
    ArchiveIndex.Missed missed = archiver.index().missed().stream().filter(m -> m.kind().equals("updates"))
        .findFirst().orElseThrow();
    assertEquals("updates", missed.kind());
    assertEquals("mrt", missed.format());
    assertEquals(Instant.parse("2025-03-01T07:58:00Z"), missed.start());
    assertEquals(Instant.parse("2025-03-01T08:00:00Z"), missed.end());
    assertTrue(missed.error().contains("rm00"), missed.error());
    for (int i = 0; i < 5; i++) {
      archiver.accept(KillNineTest.routeUpdate(t + 120_000_000L + i, KillNineTest.update(2, i)));
    }
    clock.set(Instant.parse("2025-03-01T08:05:00Z"));
    List<ArchiveIndex.Entry> second = archiver.rotateNow();
    archiver.close();
    assertEquals(2, second.size(), "both formats again: " + second);
    assertTrue(Files.exists(root.resolve("rm00/2025.03/updates.20250301.0800.gz")));
    String index = Files.readString(root.resolve("index.json"));
    assertTrue(index.contains("\"missed\": [") && index.contains("\"format\": \"mrt\""), index);
    try (var walk = Files.walk(root)) {
      assertEquals(List.of(), walk.filter(p -> p.getFileName().toString().startsWith(".inprogress")).toList());
    }
  }
}
