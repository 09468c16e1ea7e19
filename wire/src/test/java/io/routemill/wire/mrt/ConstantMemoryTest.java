package io.routemill.wire.mrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.testkit.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory use must not grow with the input: a child JVM with a 64 MiB heap reads and prints 330 MB of real
 * RIB records (the 2002 RIS bview, uncompressed, repeated), five times the heap.
 */
class ConstantMemoryTest {
  static final int REPEATS = 48;

  @Test
  void threeHundredMegabytesThroughSixtyFourMegabyteHeap() throws Exception {
    Path file = SharedData.file("mrt/bgpdump/bview.20020722.2337.gz");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        ConstantMemoryTest.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM did not finish");
    assertEquals(0, p.exitValue(), output);
    String[] counts = output.trim().split("\\s+");
    long bytes = Long.parseLong(counts[0]);
    long records = Long.parseLong(counts[1]);
    assertTrue(bytes > 300_000_000L, "read " + bytes + " bytes");
    assertEquals(115_521L * REPEATS, records, "every TABLE_DUMP record of every copy");
  }

  /** Child JVM: prints the bytes and records read from REPEATS copies of the uncompressed file. */
  public static void main(String[] args) throws IOException {
    byte[] raw;
    try (InputStream in = MrtInputs.open(Path.of(args[0]))) {
      raw = in.readAllBytes();
    }
    List<InputStream> copies = new ArrayList<>();
    for (int i = 0; i < REPEATS; i++) copies.add(new ByteArrayInputStream(raw));
    List<MrtProblem> problems = new ArrayList<>();
    BgpdumpPrinter printer = new BgpdumpPrinter(OutputStream.nullOutputStream(), problems::add, "repeated");
    MrtDecoder decoder = new MrtDecoder("repeated", problems::add);
    long records = 0;
    try (MrtReader reader = new MrtReader(new SequenceInputStream(Collections.enumeration(copies)), "repeated",
        problems::add)) {
      MrtRecord record;
      while ((record = reader.next()) != null) {
        printer.print(decoder.decode(record));
        records++;
      }
      if (!problems.isEmpty()) throw new IllegalStateException("problems: " + problems.subList(0, 1));
      System.out.println(reader.position() + " " + records);
    }
  }
}
