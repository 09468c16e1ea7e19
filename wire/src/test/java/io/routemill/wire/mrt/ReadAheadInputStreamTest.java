package io.routemill.wire.mrt;

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

class ReadAheadInputStreamTest {
  @Test
  void deliversExactlyTheBytesOfTheInput() throws IOException {
    byte[] gz = Files.readAllBytes(SharedData.file("mrt/bgpdump/updates.20160811.1600.gz"));
    byte[] direct = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
    try (InputStream ahead = MrtInputs.open(new ByteArrayInputStream(gz))) {
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
    InputStream in = MrtInputs.open(new ByteArrayInputStream(cut));
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
  void closeStopsTheProducerOfAnUnreadStream() throws IOException {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 7;
      }
    };
    ReadAheadInputStream ahead = new ReadAheadInputStream(endless, true, "test");
    assertEquals(7, ahead.read());
    ahead.close();
    Await.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("read-ahead test")),
        Duration.ofSeconds(10), () -> "the read-ahead thread is still running");
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
