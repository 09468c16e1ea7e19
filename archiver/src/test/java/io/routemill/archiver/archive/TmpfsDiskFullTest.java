package io.routemill.archiver.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiskFullTest} on a real full disk: the archive on a 3 MB tmpfs filled up to 64 KB, where Hadoop's
 * RawLocalFileSystem throws its own {@code FSError}. Mounting needs root: elsewhere the test is skipped with a
 * message ({@link DiskFullTest} covers the same failures without a mount). Besides the missed entries, the
 * space the abandoned files took is free again (their temporary files deleted and their descriptors closed,
 * or tmpfs would keep it), and the next dump after the space came back is written.
 */
class TmpfsDiskFullTest {
  private static final long ROOM = 64 << 10;

  @Test
  void aFullTmpfsLosesTheDumpVisiblyAndTheNextOneIsWritten(@TempDir Path dir) throws Exception {
    Path mount = dir.resolve("tmpfs");
    Files.createDirectories(mount);
    String failure = run("mount", "-t", "tmpfs", "-o", "size=3m", "routemill-test", mount.toString());
    if (failure != null) {
      String reason = "cannot mount a 3 MB tmpfs (" + failure + "); DiskFullTest covers the same failures";
      System.err.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    Archiver archiver = null;
    String busy;
    try {
      Path root = mount.resolve("archive");
      TestClock clock = new TestClock(Instant.parse("2025-03-01T07:58:00Z"));
      archiver = new Archiver(DiskFullTest.settings(root.toUri()), DiskFullTest.rib(1, 256), clock);
      archiver.start();
      Path filler = mount.resolve("filler");
      fill(filler, usable(mount) - ROOM);

      clock.set(Instant.parse("2025-03-01T08:00:00Z"));
      assertEquals(List.of(), archiver.dumpRibNow().published(), "65,536 routes do not fit in 64 KB");
      assertEquals(List.of("rib mrt 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z",
          "rib parquet 2025-03-01T08:00:00Z 2025-03-01T08:00:00Z"), DiskFullTest.describe(archiver.index().missed()));
      for (ArchiveIndex.Missed m : archiver.index().missed()) {
        assertTrue(m.error().startsWith("disk full: ") && m.error().contains("No space left on device"), m.error());
      }
      assertEquals(List.of(), DiskFullTest.temporaries(root).stream()
          .filter(p -> !p.getFileName().toString().contains("updates")).toList(), "the dump's temporary files");
      long free = usable(mount);
      assertTrue(free >= ROOM - (16 << 10), "the abandoned files still hold the space: " + free + " bytes free");

      Files.delete(filler); // the operator makes room
      clock.set(Instant.parse("2025-03-01T08:05:00Z"));
      assertEquals(List.of("rib mrt 65536", "rib parquet 65536"), DiskFullTest.entries(archiver.dumpRibNow().published()));
      assertTrue(Files.exists(root.resolve("rm00/2025.03/bview.20250301.0805.gz")));
      archiver.close();
      ArchiveIndex onDisk = ArchiveIndex.fromJson(Files.readString(root.resolve("index.json")));
      assertEquals(2, onDisk.missed().size(), onDisk.toJson());
      assertTrue(onDisk.contains("rm00/2025.03/bview.20250301.0805.gz"), onDisk.toJson());
      assertEquals(List.of(), DiskFullTest.temporaries(root));
    } finally {
      if (archiver != null) archiver.close();
      busy = run("umount", mount.toString());
      if (busy != null) run("umount", "-l", mount.toString()); // detached now, gone when the last file closes
    }
    assertEquals(null, busy, "files on the tmpfs are still open: a failed file's descriptor was not closed");
  }

  private static long usable(Path p) throws IOException {
    return Files.getFileStore(p).getUsableSpace();
  }

  /** Writes {@code bytes} (or until the disk is full). */
  private static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long n = 0; n < bytes; n += block.length) out.write(block, 0, (int) Math.min(block.length, bytes - n));
    }
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    int status = p.waitFor();
    return status == 0 ? null : String.join(" ", command) + ": exit " + status + (out.isEmpty() ? "" : ", " + out);
  }
}
