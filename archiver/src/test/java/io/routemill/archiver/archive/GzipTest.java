package io.routemill.archiver.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.testkit.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipTest {
  @Test
  void theLevelIsTheOneAskedForAndTheBackgroundStreamWritesTheSameBytes() throws IOException {
    byte[] mrt = new GZIPInputStream(java.nio.file.Files.newInputStream(
        SharedData.file("mrt/bgpdump/updates.20160811.1600.gz"))).readAllBytes();
    byte[] fast = compress(mrt, 1, false);
    byte[] small = compress(mrt, 9, false);
    assertTrue(fast.length > small.length * 1.1, fast.length + " bytes at level 1, " + small.length + " at 9");
    assertArrayEquals(small, compress(mrt, 9, true), "deflating on a thread of its own changes nothing");
    assertArrayEquals(mrt, new GZIPInputStream(new ByteArrayInputStream(fast)).readAllBytes());
  }

  private static byte[] compress(byte[] data, int level, boolean background) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = background ? new BackgroundGzipOutputStream(out, level, "test") : Gzip.output(out, level)) {
      for (int i = 0; i < data.length; i += 1000) gz.write(data, i, Math.min(1000, data.length - i));
    }
    return out.toByteArray();
  }
}
