package io.routemill.collector.mrt;

import static io.routemill.collector.mrt.MrtBytes.ATTRS_AS4;
import static io.routemill.collector.mrt.MrtBytes.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.wire.mrt.MrtType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MrtLoader}: events into the RIB through the Ingest, back-pressure, files that cannot be read. */
class MrtLoaderTest {
  private static final long T = 1_600_000_000L;
  private static final TableKey TABLE = new TableKey("updates", Source.MRT, "198.51.100.1", 0, RibView.ADJ_IN_PRE);

  @TempDir
  Path dir;

  private static String message(String nlri) {
    return "0000fde8" + "0000fde9" + "0000" + "0001" + "c6336401" + "c6336402" + update("", ATTRS_AS4, nlri);
  }

  private static String state(int oldState, int newState) {
    return "0000fde8" + "0000fde9" + "0000" + "0001" + "c6336401" + "c6336402" + MrtBytes.u16(oldState)
        + MrtBytes.u16(newState);
  }

  private Path updates(String name, int routes) throws Exception {
    MrtBytes b = new MrtBytes();
    for (int i = 0; i < routes; i++) {
      b.record(T + i, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, message("180a00" + String.format("%02x", i)));
    }
    return b.write(dir, name);
  }

  @Test
  void loadsIntoTheRibAndAPeerDownFlushesThePeer() throws Exception {
    Path file = new MrtBytes()
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, message("180a0001"))
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, message("180a0002"))
        .write(dir, "updates.20160811.1600.gz");
    Path down = new MrtBytes().record(T + 10, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE_AS4, -1, state(6, 1))
        .write(dir, "updates.20160811.1615.gz");
    Rib rib = new Rib();
    MrtLoader loader = new MrtLoader(new Ingest(rib, RouteEventStream.NONE));
    MrtSummary s = loader.load(file, null);
    assertEquals(2, s.updates());
    assertEquals(2, rib.counts(TABLE).pathsIpv4());
    assertEquals(65000, rib.find(TABLE).peerAsn());
    loader.load(down, null); // the same router name: the same table
    assertNull(rib.find(TABLE), "the session left Established: its routes are gone");
  }

  @Test
  void anUnreadableFileIsAnErrorAndTheOthersStillLoad() throws Exception {
    Path good = updates("updates.20160811.1600.gz", 3);
    Path missing = dir.resolve("nothing.gz");
    Rib rib = new Rib();
    List<MrtLoader.Result> results = new MrtLoader(new Ingest(rib, RouteEventStream.NONE))
        .loadAll(List.of(missing, good), "rrc00");
    assertEquals(2, results.size());
    assertFalse(results.get(0).loaded());
    assertTrue(results.get(0).error().contains("no such file"), results.get(0).error());
    assertEquals(missing, results.get(0).file());
    assertTrue(results.get(1).loaded());
    assertNotNull(results.get(1).summary());
    assertEquals("rrc00", results.get(1).summary().router());
    TableKey table = new TableKey("rrc00", Source.MRT, "198.51.100.1", 0, RibView.ADJ_IN_PRE);
    assertEquals(3, rib.counts(table).pathsIpv4());
  }

  /** A stream that is backlogged after its second event until the test lets it drain. */
  private static final class Backlog implements RouteEventStream {
    final List<RouteEvent> published = new CopyOnWriteArrayList<>();
    final CountDownLatch waiting = new CountDownLatch(1);
    final AtomicReference<Runnable> callback = new AtomicReference<>();
    volatile boolean full;

    @Override
    public boolean publish(RouteEvent event) {
      published.add(event);
      if (published.size() == 2) full = true;
      return !full;
    }

    @Override
    public boolean backlogged() {
      return full;
    }

    @Override
    public void whenWritable(Runnable r) {
      if (!full) {
        r.run();
        return;
      }
      callback.set(r);
      waiting.countDown();
    }

    void drain() {
      full = false;
      callback.getAndSet(null).run();
    }

    @Override
    public void close() {}
  }

  @Test
  void waitsWhileTheStreamIsBacklogged() throws Exception {
    Path file = updates("updates", 5);
    Backlog stream = new Backlog();
    Rib rib = new Rib();
    MrtLoader loader = new MrtLoader(new Ingest(rib, stream));
    AtomicReference<MrtSummary> summary = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        summary.set(loader.load(file, null));
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    assertTrue(stream.waiting.await(10, TimeUnit.SECONDS), "the loader asked to be told when the stream drains");
    // the loader waits for the callback: nothing more can have been published
    assertEquals(2, stream.published.size(), "RouterUp and the first UPDATE");
    assertEquals(1, rib.counts(TABLE).pathsIpv4());
    stream.drain();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertNull(failure.get());
    assertEquals(6, stream.published.size());
    assertEquals(5, summary.get().updates());
    assertEquals(5, rib.counts(TABLE).pathsIpv4());
  }

  @Test
  void anInterruptStopsTheLoad() throws Exception {
    Path file = updates("updates", 5);
    Backlog stream = new Backlog();
    MrtLoader loader = new MrtLoader(new Ingest(new Rib(), stream));
    AtomicReference<List<MrtLoader.Result>> results = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread t = new Thread(() -> {
      results.set(loader.loadAll(List.of(file, file), null));
      interrupted.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    assertTrue(stream.waiting.await(10, TimeUnit.SECONDS));
    t.interrupt();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(1, results.get().size(), "the second file is not started");
    assertEquals("interrupted", results.get().get(0).error());
    assertTrue(interrupted.get(), "the interrupt is kept");
  }
}
