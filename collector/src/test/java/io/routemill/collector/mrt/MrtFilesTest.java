package io.routemill.collector.mrt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.testkit.Await;
import io.routemill.testkit.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.junit.jupiter.api.Test;

/** MrtFiles: the read-ahead thread, the external bzip2 and its exact fallback. */
class MrtFilesTest {
  @Test
  void deliversExactlyTheBytesOfTheInput() throws IOException {
    java.nio.file.Path file = SharedData.file("mrt/bgpdump/updates.20160811.1600.gz");
    byte[] direct = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file))).readAllBytes();
    try (InputStream ahead = MrtFiles.open(file)) {
      assertTrue(ahead instanceof ReadAheadInputStream);
      assertArrayEquals(direct, readInOddSizes(ahead));
    }
  }

  @Test
  void aTruncatedBzip2StreamYieldsEveryByteDecodedBeforeTheCutThenFails() throws IOException {
    byte[] bz2 = Files.readAllBytes(SharedData.file("mrt/pyasn/rib.20140523.0600_firstMB.bz2"));
    byte[] cut = Arrays.copyOf(bz2, bz2.length / 3);
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    try (InputStream in = new BZip2CompressorInputStream(new ByteArrayInputStream(cut), true)) {
      int b;
      while ((b = in.read()) >= 0) direct.write(b);
    } catch (IOException expected) {
      // the same cut, read byte by byte without read-ahead: what could be decoded before it
    }
    assertTrue(direct.size() > 1_000_000, "the cut leaves megabytes to decode");
    ByteArrayOutputStream ahead = new ByteArrayOutputStream();
    BZip2CompressorInputStream bz = new BZip2CompressorInputStream(new ByteArrayInputStream(cut), true);
    InputStream in = new ReadAheadInputStream(bz, bz::getBytesRead, "cut");
    byte[] buf = new byte[70_001];
    IOException failure = assertThrows(IOException.class, () -> {
      int n;
      while ((n = in.read(buf)) >= 0) ahead.write(buf, 0, n);
    });
    in.close();
    assertFalse(failure.getMessage().isBlank());
    assertArrayEquals(direct.toByteArray(), ahead.toByteArray(), "nothing decoded before the cut is lost");
  }

  @Test
  void theExternalBzip2OfACutFileYieldsExactlyWhatCommonsCompressDecodesThenFails(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    byte[] bz2 = Files.readAllBytes(SharedData.file("mrt/pyasn/rib.20140523.0600_firstMB.bz2"));
    java.nio.file.Path cut = dir.resolve("cut.bz2");
    Files.write(cut, Arrays.copyOf(bz2, bz2.length / 3));
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(cut), true)) {
      int b;
      while ((b = in.read()) >= 0) direct.write(b);
    } catch (IOException expected) {
      // what commons-compress decodes before the cut
    }
    java.nio.file.Path whole = SharedData.file("mrt/libbgpstream/routeviews.route-views.jinx.updates.1427846400.bz2");
    assertTrue(ExternalDecompressor.endsLikeABzip2Stream(whole), "a complete file ends with the end-of-stream marker");
    assertFalse(ExternalDecompressor.endsLikeABzip2Stream(cut), "a cut file does not");
    assertTrue(ExternalDecompressor.bzip2(cut).isEmpty(), "a cut file is left to commons-compress");
    // a file damaged before a complete-looking end: the command fails and commons-compress takes over
    Files.write(cut, concat(Arrays.copyOf(bz2, bz2.length / 3), Arrays.copyOfRange(Files.readAllBytes(whole),
        Files.readAllBytes(whole).length - 11, Files.readAllBytes(whole).length)));
    var external = ExternalDecompressor.bzip2(cut);
    org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), "no bzip2 or lbzip2 command installed");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65_536];
    try (InputStream in = external.get()) {
      IOException failure = assertThrows(IOException.class, () -> {
        int n;
        while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
      });
      assertFalse(failure.getMessage().isBlank());
    }
    assertArrayEquals(direct.toByteArray(), out.toByteArray(), "every byte decodable before the cut");
  }

  @Test
  void closeStopsTheProducerOfAnUnreadStream() throws IOException {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 7;
      }
    };
    ReadAheadInputStream ahead = new ReadAheadInputStream(endless, null, "test");
    assertEquals(7, ahead.read());
    ahead.close();
    Await.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("read-ahead test")),
        Duration.ofSeconds(10), () -> "the read-ahead thread is still running");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static byte[] readInOddSizes(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[9_973];
    int n;
    int round = 0;
    while ((n = (round++ % 3 == 0) ? single(in, buf) : in.read(buf, 0, 1 + round % buf.length)) >= 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static int single(InputStream in, byte[] buf) throws IOException {
    int b = in.read();
    if (b < 0) return -1;
    buf[0] = (byte) b;
    return 1;
  }
}
