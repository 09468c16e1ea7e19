package io.routemill.wire.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.routemill.wire.mrt.BgpdumpPrinter;
import io.routemill.wire.mrt.MrtDecoder;
import io.routemill.wire.mrt.MrtEncoder;
import io.routemill.wire.mrt.MrtMessage;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.mrt.MrtRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the MRT reader, decoder and bgpdump printer (RFC 6396, RFC 8050) on whole files, seeded with runs of
 * records from every real archive. For any input: nothing throws (an I/O error is impossible on an in-memory
 * stream), every problem names a byte offset inside the input and a reason, and a record that decoded without a
 * problem re-encodes ({@link MrtEncoder}) to a record that decodes without a problem to the same bytes.
 */
class MrtDecoderFuzzTest {
  @MethodSource("io.routemill.wire.fuzz.FuzzSeeds#mrt")
  @FuzzTest(maxDuration = "20s")
  void mrtFile(byte[] input) throws IOException {
    List<MrtProblem> problems = new ArrayList<>();
    BgpdumpPrinter printer = new BgpdumpPrinter(OutputStream.nullOutputStream(), problems::add, "fuzz");
    MrtDecoder decoder = new MrtDecoder("fuzz", problems::add);
    try (MrtReader reader = new MrtReader(new ByteArrayInputStream(input), "fuzz", problems::add)) {
      MrtRecord record;
      while ((record = reader.next()) != null) {
        int before = problems.size();
        MrtMessage m = decoder.decode(record);
        assertNotNull(m);
        FuzzSeeds.printable(m);
        if (problems.size() == before && !(m instanceof MrtMessage.Unsupported)) roundTrip(m);
        printer.print(m);
      }
    }
    for (MrtProblem p : problems) {
      assertTrue(p.offset() >= 0 && p.offset() <= input.length, "offset inside the input: " + p);
      assertFalse(p.reason().isBlank(), "a reason: " + p);
    }
  }

  private static void roundTrip(MrtMessage m) throws IOException {
    byte[] once = MrtEncoder.record(m);
    List<MrtProblem> problems = new ArrayList<>();
    MrtMessage again;
    try (MrtReader reader = new MrtReader(new ByteArrayInputStream(once), "re-encoded", problems::add)) {
      MrtRecord record = reader.next();
      assertNotNull(record, () -> "re-encoded " + m + " reads as a record");
      again = new MrtDecoder("re-encoded", problems::add).decode(record);
      assertEquals(null, reader.next(), "one record");
    }
    assertEquals(List.of(), problems, () -> "re-encoded " + m + " decodes cleanly");
    assertArrayEquals(once, MrtEncoder.record(again), "encode(decode(encode(m))) == encode(m)");
  }
}
