package io.routemill.bench;

import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.station.BmpStation;
import io.routemill.collector.stream.ConsumerStream;
import io.routemill.collector.stream.SubscriberStats;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code scripts/bench soak [ROUTERS [SECONDS [PREFIXES]]]}: ROUTERS simulated BMP routers (each from its own loopback
 * address, 2 monitored peers × PREFIXES IPv4 + PREFIXES/5 IPv6 prefixes) hammer one station for SECONDS with
 * reconnect storms (connections cut mid-stream), mutated streams (random bytes flipped) and clean resends, through
 * the ingest and a consumer queue. Then every router sends its clean stream once more and holds. Reported at the
 * start and the end: heap after a full GC, RSS, open file descriptors, and the RIB's route count against what the
 * surviving routers sent (every router survives: the count must be exact), and once a minute during the storm.
 * Nothing may grow without bound: the storm's samples level off, and the end figures equal the start's plus the
 * final tables.
 */
public final class SoakBench {
  private SoakBench() {}

  public static void main(String[] args) throws Exception {
    int routers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 600;
    int prefixes = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    Path file = Files.createTempFile("routemill-soak", ".bmp");
    long pathsPerRouter = BmpStreamGenerator.write(file, new FullTable(prefixes, prefixes / 5, 7L), 2);
    byte[] stream = Files.readAllBytes(file);
    Files.delete(file);
    Rib rib = new Rib();
    AtomicLong consumed = new AtomicLong();
    try (ConsumerStream events = new ConsumerStream(List.of(ConsumerStream.subscriber("counter",
        (RouteEvent e) -> consumed.incrementAndGet())));
        BmpStation station = new BmpStation("127.0.0.1", 0, new Ingest(rib, events), Clock.systemUTC())) {
      int port = station.start();
      report("start", rib, 0, events);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      AtomicLong connections = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(routers, 16));
      for (int r = 0; r < routers; r++) {
        int router = r;
        pool.execute(() -> storm(router, port, stream, end, connections));
      }
      pool.shutdown();
      // a sample a minute while the storm goes on: the figures must level off, not climb
      long started = System.nanoTime();
      while (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
        report(String.format("storm +%ds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)), rib, 0,
            events);
      }
      System.out.printf("storm over: %,d connections from %d routers in %d s%n", connections.get(), routers, seconds);
      // the last word: every router sends its clean stream once more and holds the connection
      Socket[] last = new Socket[routers];
      for (int r = 0; r < routers; r++) last[r] = settle(r, port, stream, rib, pathsPerRouter);
      long expected = routers * pathsPerRouter;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (paths(rib) != expected && System.nanoTime() < deadline) LockSupport.parkNanos(50_000_000);
      report("end", rib, expected, events);
      System.out.printf("routes: %,d in the RIB, %,d sent by the %d surviving routers: %s%n", paths(rib), expected,
          routers, paths(rib) == expected ? "exact" : "MISMATCH");
      System.out.printf("events consumed: %,d; station: %s%n", consumed.get(), station.routers().size() + " routers");
      for (Socket s : last) s.close();
    }
  }

  /** Until the deadline: send the stream whole, cut it short, or send a mutated copy, then reconnect. */
  private static void storm(int router, int port, byte[] stream, long end, AtomicLong connections) {
    SplittableRandom random = new SplittableRandom(router);
    while (System.nanoTime() < end) {
      int action = random.nextInt(3);
      byte[] bytes = action == 2 ? mutate(stream, random) : stream;
      int length = action == 1 ? random.nextInt(stream.length) : bytes.length;
      try {
        sendAll(router, port, bytes, length).close();
        connections.incrementAndGet();
      } catch (IOException e) {
        // the station closed a mutated stream (framing error) or refused the connection: reconnect
      }
      LockSupport.parkNanos(20_000_000); // a storm, not a flood: about 50 reconnects a second per router
    }
  }

  /**
   * The last word of one router: its clean stream on a connection that stays open, sent again until the station
   * holds the router's whole table (a connection can still be refused while the station closes the storm's last
   * ones: over the per-address limit, or not yet replaceable).
   */
  private static Socket settle(int router, int port, byte[] stream, Rib rib, long pathsPerRouter) throws IOException {
    String address = "127.0." + (100 + router / 250) + "." + (1 + router % 250);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Socket s = sendAll(router, port, stream, stream.length);
      long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (routerPaths(rib, address) != pathsPerRouter && System.nanoTime() < wait) LockSupport.parkNanos(20_000_000);
      if (routerPaths(rib, address) == pathsPerRouter || System.nanoTime() > deadline) return s;
      s.close();
    }
  }

  private static long routerPaths(Rib rib, String router) {
    long n = 0;
    for (TableKey k : rib.keys()) {
      if (!k.router().equals(router)) continue;
      TableCounts c = rib.counts(k);
      if (c != null) n += c.pathsIpv4() + c.pathsIpv6();
    }
    return n;
  }

  private static byte[] mutate(byte[] stream, SplittableRandom random) {
    byte[] copy = stream.clone();
    for (int i = 0, n = 1 + copy.length / 10_000; i < n; i++) copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
    return copy;
  }

  private static Socket sendAll(int router, int port, byte[] bytes, int length) throws IOException {
    InetAddress local = InetAddress.getByAddress(new byte[] {127, 0, (byte) (100 + router / 250), (byte) (1 + router % 250)});
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(local, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      OutputStream out = s.getOutputStream();
      out.write(bytes, 0, length);
      out.flush();
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static long paths(Rib rib) {
    long n = 0;
    for (TableKey k : rib.keys()) {
      TableCounts c = rib.counts(k);
      if (c != null) n += c.pathsIpv4() + c.pathsIpv6();
    }
    return n;
  }

  private static void report(String when, Rib rib, long expected, ConsumerStream events) throws IOException {
    for (int i = 0; i < 3; i++) System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    long direct = ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct")).mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed)
        .sum();
    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
        .findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
    long fds;
    try (var list = Files.list(Path.of("/proc/self/fd"))) {
      fds = list.count();
    }
    long queued = events.stats().stream().mapToLong(SubscriberStats::queued).sum();
    System.out.printf("%s: heap after GC %,d bytes (%,d committed), direct buffers %,d bytes, %s, %d open fds, %,d paths"
        + " in %d tables (expected %,d), %,d events queued%n", when, heap, committed, direct, rss, fds, paths(rib),
        rib.keys().size(), expected, queued);
  }
}
