package io.routemill.archiver.archive;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.rib.Rib;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: an archive root routemill cannot write to fails the start with an error naming the root, instead of
 * starting and then losing every interval. Needs a read-only mount (root may write anywhere else): skipped with a
 * visible message where {@code mount} is not possible.
 */
class ReadOnlyRootTest {
  @Test
  void aReadOnlyRootIsAClearErrorAtStart(@TempDir Path dir) throws Exception {
    Path mount = dir.resolve("ro");
    Files.createDirectories(mount);
    String failure = run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "routemill-test-ro", mount.toString());
    if (failure != null) {
      String reason = "cannot mount a read-only tmpfs (" + failure + ")";
      System.err.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    try {
      Archiver archiver = new Archiver(new ArchiveSettings(mount.toUri(), "rm00", Duration.ofMinutes(5),
          Duration.ofHours(8), ArchiveSettings.DEFAULT_VIEWS, true), new Rib(), Clock.systemUTC());
      IOException e = assertThrows(IOException.class, archiver::start);
      assertTrue(e.getMessage().contains("not writable") && e.getMessage().contains(mount.toString()), e.getMessage());
      archiver.close();
    } finally {
      if (run("umount", mount.toString()) != null) run("umount", "-l", mount.toString());
    }
  }

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
