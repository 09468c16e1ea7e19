package io.routemill.collector.rib;

import static io.routemill.collector.rib.Updates.attrs;
import static io.routemill.collector.rib.Updates.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.collector.rib.RibView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Readers running against writers never see a half-applied UPDATE. */
class RibConcurrencyTest {
  static final TableKey A = new TableKey("192.0.2.1", Source.BMP, "198.51.100.1", 0, RibView.ADJ_IN_PRE);
  static final TableKey B = new TableKey("192.0.2.1", Source.BMP, "198.51.100.2", 0, RibView.ADJ_IN_PRE);
  static final int READERS = 3;
  static final int MIN_READS = 300;
  static final int MIN_UPDATES = 3000;

  /**
   * UPDATE k of table A announces 64 IPv4 and 16 IPv6 prefixes with MED k and withdraws the "moving" prefix of
   * UPDATE k-1 while announcing the one of k; table B churns at the same time on another thread (shared index
   * and interner). A reader must see, in one page or one snapshot, one MED only and exactly one moving prefix.
   */
  @Test
  void readersNeverSeeATornUpdate() throws Exception {
    Rib rib = new Rib();
    PeerTable a = rib.table(A);
    PeerTable b = rib.table(B);
    List<Route> stable = new ArrayList<>();
    for (int i = 0; i < 64; i++) stable.add(r("10." + i + ".0.0/16"));
    for (int i = 0; i < 16; i++) stable.add(r("2001:db8:" + Integer.toHexString(i) + "::/48"));
    a.apply(update(0, stable, null, moving(0)), 0);

    AtomicInteger reads = new AtomicInteger();
    AtomicInteger updates = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch readersStarted = new CountDownLatch(READERS);
    Set<Long> medsSeen = ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();

    Thread writerA = new Thread(() -> {
      try {
        assertTrue(readersStarted.await(30, TimeUnit.SECONDS));
        for (int k = 1; !stop.get() && failure.get() == null; k++) {
          a.apply(update(k, stable, moving(k - 1), moving(k)), k * 1000L);
          updates.incrementAndGet();
          if (updates.get() >= MIN_UPDATES && reads.get() >= READERS * MIN_READS) stop.set(true);
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    });
    Thread writerB = new Thread(() -> {
      try {
        for (int k = 0; !stop.get() && failure.get() == null; k++) {
          Route x = r("10." + (k % 64) + "." + (k % 256) + ".0/24");
          b.apply(Updates.announce(attrs(k % 7, 65100), x), 0);
          if (k % 3 == 0) b.apply(Updates.withdraw(x), 0);
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    });
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < READERS; t++) {
      final int which = t;
      readers.add(new Thread(() -> {
        readersStarted.countDown();
        try {
          while (!stop.get() && failure.get() == null) {
            if (which == 0) {
              checkSnapshot(rib, medsSeen);
            } else {
              checkQuery(rib, which == 1 ? 10_000 : 37, medsSeen);
            }
            reads.incrementAndGet();
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }));
    }
    readers.forEach(Thread::start);
    writerA.start();
    writerB.start();
    writerA.join(120_000);
    stop.set(true);
    writerB.join(60_000);
    for (Thread t : readers) t.join(60_000);
    if (failure.get() != null) throw new AssertionError(failure.get());
    assertTrue(reads.get() >= READERS * MIN_READS && updates.get() >= MIN_UPDATES, reads + " reads, " + updates);
    System.out.println("concurrency: " + reads + " reads, " + updates + " updates, " + rib.pageRebuilds()
        + " page rebuilds, " + rib.lockedPages() + " locked pages, " + medsSeen.size() + " states seen");
    assertTrue(medsSeen.size() > 10, "readers saw the table change: " + medsSeen.size() + " states");
    // the RIB ends consistent: A's moving prefix is the last one, B's routes are all counted once
    assertEquals(81, a.counts().pathsIpv4() + a.counts().pathsIpv6());
  }

  static Route moving(int k) {
    return r("172.16." + (k % 256) + "." + ((k / 256) % 256 & 0xFC) + "/30");
  }

  static Update update(long med, List<Route> stable, Route withdrawn, Route announced) {
    List<Route> all = new ArrayList<>(stable);
    all.add(announced);
    Update u = Updates.announce(attrs(med, 65001), all.toArray(new Route[0]));
    return new Update(withdrawn == null || withdrawn.equals(announced) ? List.of() : List.of(withdrawn),
        u.attributes(), u.announced(), List.of(), new byte[0]);
  }

  static void checkQuery(Rib rib, int limit, Set<Long> medsSeen) {
    Set<Long> meds = new TreeSet<>();
    int movingCount = 0;
    String cursor = null;
    // one page per family; with a small limit only the first page is checked (a page is one consistent view)
    for (String p : List.of("0.0.0.0/0", "::/0")) {
      List<RouteRow> routes = rib.routes(new RouteQuery(Prefix.parse(p), Match.MORE, "198.51.100.1", null,
          limit, cursor)).routes();
      for (RouteRow ri : routes) {
        meds.add(ri.attributes().med().value());
        if (ri.prefix().toString().startsWith("172.16.")) movingCount++;
      }
      if (limit >= 10_000 && p.startsWith("0")) {
        assertEquals(1, movingCount, "exactly one moving prefix in a page: " + routes.size());
        assertEquals(65, routes.size());
      }
      if (limit < 10_000) {
        assertTrue(meds.size() <= 1, "one MED per page: " + meds);
        meds.clear();
      }
    }
    if (limit >= 10_000) {
      // IPv4 and IPv6 pages are two reads: they may differ, each must be uniform
      assertTrue(meds.size() <= 2, "meds " + meds);
    }
    medsSeen.addAll(meds);
  }

  static void checkSnapshot(Rib rib, Set<Long> medsSeen) {
    Set<Long> meds = new TreeSet<>();
    int[] moving = new int[1];
    int[] count = new int[1];
    rib.forEachRoute(A, (afi, hi, lo, len, pid, id, bytes, secs, stale, corrections) -> {
      meds.add(CanonicalAttributes.decode(bytes).med().value());
      count[0]++;
      if (afi == 1 && (hi >>> 16) == (172L << 8 | 16)) moving[0]++;
    });
    assertEquals(1, meds.size(), "one UPDATE's MED over the whole snapshot: " + meds);
    assertEquals(1, moving[0]);
    assertEquals(81, count[0]);
    medsSeen.addAll(meds);
  }
}
