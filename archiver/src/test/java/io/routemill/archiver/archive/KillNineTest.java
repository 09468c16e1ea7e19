package io.routemill.archiver.archive;

import io.routemill.collector.rib.Source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.routemill.wire.mrt.MrtInputs;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Update;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic publication: a child JVM archives as fast as it can (one-second updates files, RIB dumps back to back)
 * and is killed with SIGKILL in the middle of writing. Every file under a final name is complete (bgpdump-style
 * reading finds no truncation; DuckDB reads every Parquet file), the next start removes the temporary leftovers
 * and records them as missed, and the index lists exactly the files present.
 */
class KillNineTest {
  @Test
  void killedMidWriteLeavesNoPartialFile(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), KillNineTest.class.getName(), root.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      // wait until several updates files and at least one RIB dump are out, and something is being written
      Await.until(() -> !child.isAlive() || (published(root, "updates.") >= 6 && published(root, "bview.") >= 1
          && !temporaries(root).isEmpty()), Duration.ofSeconds(90), () -> "published " + list(root));
      assertTrue(child.isAlive(), "the child died: " + Files.readString(dir.resolve("child.log")));
      List<Path> inFlight = temporaries(root);
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "killed by SIGKILL");
      assertTrue(!inFlight.isEmpty());
    } finally {
      child.destroyForcibly();
    }

    // every file under a final name is whole
    List<Path> finals = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().equals("index.json")).forEach(finals::add);
    }
    try (Connection db = Tools.duckdb()) {
      for (Path f : finals) {
        if (f.toString().endsWith(".gz")) {
          List<MrtProblem> problems = new ArrayList<>();
          try (MrtReader r = new MrtReader(MrtInputs.open(f), f.toString(), problems::add)) {
            while (r.next() != null) {
              continue; // reads to the end: a cut gzip stream or record is a problem
            }
          }
          assertTrue(problems.isEmpty(), f + ": " + problems);
        } else {
          assertTrue(Tools.count(db, "SELECT count(*) FROM read_parquet('" + f + "')") >= 0, f.toString());
        }
      }
    }
    List<Path> leftovers = temporaries(root);
    assertTrue(!leftovers.isEmpty(), "the kill left no temporary file to clean up");

    // the next start cleans up, records what was lost, and indexes exactly what is there
    Archiver next = new Archiver(settings(root), new Rib(), Clock.systemUTC());
    next.start();
    try {
      for (Path p : leftovers) assertTrue(!Files.exists(p), p + " was not removed");
      assertTrue(!next.index().missed().isEmpty(), "the interrupted interval is reported");
      List<String> indexed = new ArrayList<>();
      for (ArchiveIndex.Entry e : next.index().entries()) indexed.add(e.path());
      for (Path f : finals) {
        String rel = root.relativize(f).toString();
        assertTrue(indexed.contains(rel), rel + " is not in the index " + indexed);
        ArchiveIndex.Entry e = next.index().entries().stream().filter(x -> x.path().equals(rel)).findFirst().get();
        assertEquals(Files.size(f), e.bytes(), rel);
        assertTrue(e.records() >= 0, rel);
      }
    } finally {
      next.close();
    }
  }

  private static ArchiveSettings settings(Path root) {
    return new ArchiveSettings(root.toUri(), "rm00", Duration.ofSeconds(1), Duration.ofHours(8),
        ArchiveSettings.KNOWN_VIEWS, true);
  }

  private static long published(Path root, String kind) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().startsWith(kind)).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private static List<Path> temporaries(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().startsWith(ArchiveStore.TEMP_PREFIX)).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  private static String list(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.map(p -> root.relativize(p).toString()).toList().toString();
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(" + e + ")";
    }
  }

  /** An UPDATE announcing 10.a.b.0/24 with a 4-octet AS path. */
  static final PeerIdentity PEER = PeerIdentity.of("192.0.2.1", Source.BMP, new byte[] {(byte) 192, 0, 2, 10}, 65001,
      new byte[] {10, 0, 0, 10}, 0, RibView.ADJ_IN_PRE, new byte[] {(byte) 192, 0, 2, 1}, 65000, true);

  /** The event the station publishes for UPDATE {@code m} from {@link #PEER}. */
  static RouteEvent.RouteUpdate routeUpdate(long micros, byte[] m) {
    Update u = (Update) BgpMessageDecoder.decode(Unpooled.wrappedBuffer(m), DecodeContext.AS4);
    return new RouteEvent.RouteUpdate(PEER, micros, u, m, false, java.util.Set.of());
  }

  static byte[] update(int a, int b) {
    ByteArrayOutputStream attrs = new ByteArrayOutputStream();
    attrs.writeBytes(new byte[] {0x40, 1, 1, 0}); // ORIGIN IGP
    attrs.writeBytes(new byte[] {0x40, 2, 10, 2, 2, 0, 0, (byte) 0xFD, (byte) 0xE9, 0, 0, (byte) 0xFD, (byte) 0xEA});
    attrs.writeBytes(new byte[] {0x40, 3, 4, (byte) 192, 0, 2, 1}); // NEXT_HOP
    attrs.writeBytes(new byte[] {(byte) 0xC0, 8, 4, (byte) 0xFD, (byte) 0xE9, 0, (byte) (a & 0xFF)}); // COMMUNITIES
    byte[] at = attrs.toByteArray();
    byte[] nlri = {24, 10, (byte) a, (byte) b};
    int length = 19 + 2 + 2 + at.length + nlri.length;
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    for (int i = 0; i < 16; i++) m.write(0xFF);
    m.write(length >>> 8);
    m.write(length);
    m.write(2);
    m.write(0);
    m.write(0);
    m.write(at.length >>> 8);
    m.write(at.length);
    m.writeBytes(at);
    m.writeBytes(nlri);
    return m.toByteArray();
  }

  /** Child JVM: archives synthetic UPDATEs and RIB dumps until killed. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Rib rib = new Rib();
    TableKey key = new TableKey("192.0.2.1", Source.BMP, "192.0.2.10", 0, RibView.ADJ_IN_PRE);
    PeerTable table = rib.table(key);
    table.setPeerAsn(65001);
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        Update u = (Update) BgpMessageDecoder.decode(Unpooled.wrappedBuffer(update(a, b)), DecodeContext.AS4);
        table.apply(u, System.currentTimeMillis());
      }
    }
    Archiver archiver = new Archiver(settings(root), rib, Clock.systemUTC());
    archiver.start();
    Thread dumps = new Thread(() -> {
      while (true) archiver.dumpRibNow();
    }, "dumps");
    dumps.setDaemon(true);
    dumps.start();

    for (long i = 0; ; i++) {
      byte[] m = update((int) (i >>> 8) & 0xFF, (int) i & 0xFF);
      archiver.accept(routeUpdate(System.currentTimeMillis() * 1000, m));
    }
  }
}
