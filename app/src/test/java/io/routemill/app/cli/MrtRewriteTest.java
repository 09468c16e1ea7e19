package io.routemill.app.cli;

import io.routemill.wire.mrt.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.testkit.Interop;
import io.routemill.testkit.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real MRT file decoded and written again by routemill's MRT writer: each decoded record re-encodes
 * to exactly its original bytes, and bgpdump reads the rewritten file to the same output as the original.
 */
class MrtRewriteTest {
  @TempDir Path tmp;

  static Stream<Arguments> mrtFiles() throws IOException {
    Path root = SharedData.root();
    return SharedData.files("mrt", "test_expect").stream()
        .map(p -> Arguments.of(root.resolve("mrt").relativize(p).toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mrtFiles")
  void rewrittenFileReadsTheSame(String relative) throws Exception {
    Path original = SharedData.root().resolve("mrt").resolve(relative);
    Path rewritten = tmp.resolve("rewritten.mrt");
    int records = 0;
    List<MrtProblem> problems = new ArrayList<>();
    MrtDecoder decoder = new MrtDecoder(relative, problems::add);
    try (MrtReader reader = new MrtReader(MrtInputs.open(original), relative, p -> { });
        OutputStream out = Files.newOutputStream(rewritten);
        MrtWriter writer = new MrtWriter(out)) {
      MrtRecord record;
      while ((record = reader.next()) != null) {
        int problemsBefore = problems.size();
        MrtMessage message = decoder.decode(record);
        byte[] originalBytes = originalRecordBytes(record);
        // A record with a damaged length carries bytes the decoded form cannot hold; all others must be exact.
        boolean damaged = problems.subList(problemsBefore, problems.size()).stream()
            .anyMatch(p -> p.reason().contains("after the last field"));
        if (!damaged) {
          assertArrayEquals(originalBytes, MrtEncoder.record(message),
              relative + ": record at byte " + record.offset() + " re-encodes differently");
        }
        writer.write(message);
        records++;
      }
    }
    assertTrue(records > 0, relative + ": no records read");

    MrtDump.Output ourOriginal = MrtDump.routemill(original);
    MrtDump.Output ourRewritten = MrtDump.routemill(rewritten);
    assertEquals(ourOriginal.lines(), ourRewritten.lines(), relative + ": routemill reads the rewrite differently");

    Path bgpdump = Interop.require("bgpdump");
    assertEquals(MrtDump.bgpdump(bgpdump, original).lines(), MrtDump.bgpdump(bgpdump, rewritten).lines(),
        relative + ": bgpdump reads the rewrite differently");
  }

  /** The record as it was in the file: header (with microseconds for _ET types) and body. */
  private static byte[] originalRecordBytes(MrtRecord r) {
    boolean et = r.hasMicroseconds();
    byte[] out = new byte[12 + (et ? 4 : 0) + r.bodyLength()];
    long length = r.bodyLength() + (et ? 4L : 0L);
    put32(out, 0, r.timestamp());
    out[4] = (byte) (r.type() >>> 8);
    out[5] = (byte) r.type();
    out[6] = (byte) (r.subtype() >>> 8);
    out[7] = (byte) r.subtype();
    put32(out, 8, length);
    if (et) put32(out, 12, r.microseconds());
    System.arraycopy(r.body(), 0, out, et ? 16 : 12, r.bodyLength());
    return Arrays.copyOf(out, out.length);
  }

  private static void put32(byte[] b, int off, long v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
