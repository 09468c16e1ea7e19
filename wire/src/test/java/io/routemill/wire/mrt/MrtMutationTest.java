package io.routemill.wire.mrt;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.routemill.testkit.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded mutations of real MRT files (bit flips, truncation, absurd length fields in the MRT header and in
 * the BGP data inside): reading, decoding and printing must never throw, never hang, and every problem must
 * be reported with a byte offset inside the input.
 */
class MrtMutationTest {
  private static final int MUTANTS_PER_FILE = 300;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "mrt/mrtparse/bird_bgp", "mrt/mrtparse/bird6-mrtdump_bgp", "mrt/mrtparse/openbgpd_bgp",
      "mrt/mrtparse/quagga_bgp", "mrt/mrtparse/openbgpd_rib_table", "mrt/mrtparse/openbgpd_rib_table-v2",
      "mrt/bgpdump/bview.64k_stream_overflow.gz", "mrt/bgpdump/bview.ipv4_unicast_add_path.gz",
      "mrt/bgpdump/updates.20100722.2015.gz", "mrt/bgpdump/updates.long_withdrawal.gz",
      "mrt/bgpkit-parser/ripe/rrc00/1999.12/updates.19991214.1621.gz"})
  void mutantsAreReportedNeverFatal(String relative) throws IOException {
    byte[] original;
    try (InputStream in = MrtInputs.open(SharedData.file(relative))) {
      original = in.readNBytes(256 * 1024); // a prefix of each file is plenty of records
    }
    long seed = relative.hashCode();
    Random random = new Random(seed);
    List<Integer> recordStarts = recordStarts(original);
    int reportedMutants = 0;
    for (int i = 0; i < MUTANTS_PER_FILE; i++) {
      byte[] mutant = mutate(original, recordStarts, random);
      List<MrtProblem> problems = new ArrayList<>();
      int index = i;
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        try {
          dump(mutant, problems);
        } catch (Throwable t) {
          fail(relative + " mutant " + index + " (seed " + seed + ") threw", t);
        }
      });
      for (MrtProblem p : problems) {
        assertTrue(p.offset() >= 0 && p.offset() <= mutant.length, "offset inside the input: " + p);
        assertTrue(!p.reason().isBlank(), "a reason: " + p);
      }
      if (!problems.isEmpty()) reportedMutants++;
    }
    assertTrue(reportedMutants > 0, relative + ": no mutant was reported at all, the mutations did not bite");
  }

  private static void dump(byte[] input, List<MrtProblem> problems) throws IOException {
    BgpdumpPrinter printer = new BgpdumpPrinter(OutputStream.nullOutputStream(), problems::add, "mutant");
    MrtDecoder decoder = new MrtDecoder("mutant", problems::add);
    try (MrtReader reader = new MrtReader(new ByteArrayInputStream(input), "mutant", problems::add)) {
      MrtRecord record;
      while ((record = reader.next()) != null) {
        printer.print(decoder.decode(record));
      }
    }
  }

  private static List<Integer> recordStarts(byte[] data) {
    List<Integer> starts = new ArrayList<>();
    int pos = 0;
    while (pos + MrtReader.HEADER_LENGTH <= data.length) {
      starts.add(pos);
      pos += MrtReader.HEADER_LENGTH + (int) Math.min(MrtReader.u32(data, pos + 8), data.length);
    }
    return starts;
  }

  private static byte[] mutate(byte[] original, List<Integer> recordStarts, Random random) {
    byte[] m = original.clone();
    switch (random.nextInt(4)) {
      case 0: { // bit flips anywhere
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          int pos = random.nextInt(m.length);
          m[pos] ^= (byte) (1 << random.nextInt(8));
        }
        return m;
      }
      case 1: // truncation
        return java.util.Arrays.copyOf(m, random.nextInt(m.length));
      case 2: { // absurd MRT record length
        int start = recordStarts.get(random.nextInt(recordStarts.size()));
        long length = random.nextBoolean() ? 0xFFFFFFFFL : random.nextInt(1 << 20);
        for (int i = 0; i < 4; i++) m[start + 8 + i] = (byte) (length >>> (24 - 8 * i));
        return m;
      }
      default: { // absurd 1- or 2-byte length inside a record body (attribute, NLRI, message lengths)
        int start = recordStarts.get(random.nextInt(recordStarts.size()));
        int bodyLength = (int) Math.min(MrtReader.u32(original, start + 8), m.length - start - 12);
        if (bodyLength < 2) return m;
        int pos = start + 12 + random.nextInt(bodyLength - 1);
        m[pos] = (byte) 0xFF;
        if (random.nextBoolean()) m[pos + 1] = (byte) random.nextInt(256);
        return m;
      }
    }
  }
}
