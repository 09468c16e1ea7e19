package io.routemill.archiver.mrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.routemill.testkit.Interop;
import io.routemill.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real MRT file under shared/data/mrt, dumped by routemill and by Debian's bgpdump 1.6.2 at test time:
 * the outputs must be byte-identical, except for the lines {@link BgpdumpDeviations} names, where bgpdump is
 * wrong and routemill prints the right value. Where upstream bgpdump's own expected output exists
 * (test_expect), routemill must equal that too.
 */
class BgpdumpCompatibilityTest {

  static Stream<Arguments> mrtFiles() throws IOException {
    Path root = SharedData.root();
    return SharedData.files("mrt", "test_expect").stream()
        .map(p -> Arguments.of(root.resolve("mrt").relativize(p).toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mrtFiles")
  void sameOutputAsBgpdump(String relative) throws Exception {
    Path bgpdump = Interop.require("bgpdump");
    Path file = SharedData.root().resolve("mrt").resolve(relative);
    MrtDump.Output theirs = MrtDump.bgpdump(bgpdump, file);
    MrtDump.Output ours = MrtDump.routemill(file);

    List<String> unexplained = differences(theirs.lines(), ours.lines(), relative);
    if (!unexplained.isEmpty()) {
      fail(relative + ": " + theirs.lines().size() + " bgpdump lines, " + ours.lines().size() + " routemill lines;"
          + " first unexplained differences:\n" + String.join("\n", unexplained) + "\nroutemill stderr:\n"
          + ours.stderr());
    }
    assertEquals(theirs.lines().size(), ours.lines().size(), relative + ": line count");
    // A file bgpdump reads with errors must make routemill say something too, and vice versa for damage.
    boolean bgpdumpComplained = theirs.stderr().lines().anyMatch(l -> l.contains("[error]"));
    if (bgpdumpComplained) {
      assertTrue(!ours.stderr().isBlank(), relative + ": bgpdump reported errors but routemill said nothing");
    }
  }

  static Stream<Arguments> upstreamExpectations() throws IOException {
    return SharedData.files("mrt/bgpdump/test_expect").stream()
        .map(p -> Arguments.of(p.getFileName().toString().replace(".bgp.gz", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamExpectations")
  void sameOutputAsUpstreamTestExpect(String name) throws IOException {
    Path expectFile = SharedData.file("mrt/bgpdump/test_expect/" + name + ".bgp.gz");
    byte[] expected;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(expectFile))) {
      expected = in.readAllBytes();
    }
    MrtDump.Output ours = MrtDump.routemill(SharedData.file("mrt/bgpdump/" + name));
    MrtDump.Output upstream = new MrtDump.Output(expected, "", 0);
    List<String> unexplained = differences(upstream.lines(), ours.lines(), null);
    assertEquals(List.of(), unexplained, name + ": routemill differs from upstream bgpdump's expected output");
    assertEquals(upstream.lines().size(), ours.lines().size(), name + ": line count");
  }

  /** Up to ten differing lines not explained by a documented deviation (none are allowed when file is null). */
  private static List<String> differences(List<String> expected, List<String> actual, String file) {
    List<String> unexplained = new ArrayList<>();
    int n = Math.max(expected.size(), actual.size());
    for (int i = 0; i < n && unexplained.size() < 10; i++) {
      String e = i < expected.size() ? expected.get(i) : "<none>";
      String a = i < actual.size() ? actual.get(i) : "<none>";
      if (!e.equals(a) && (file == null || !BgpdumpDeviations.explains(file, e, a))) {
        unexplained.add("line " + (i + 1) + "\n  expected:  " + e + "\n  routemill: " + a);
      }
    }
    return unexplained;
  }
}
