package io.routemill.bench;

import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.station.BmpStation;
import io.routemill.collector.stream.RouteEventStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code scripts/bench collector}: a full-size BMP stream (PEERS monitored peers, each with the generated
 * full table, at most PER_UPDATE prefixes per UPDATE, 0 for packed UPDATEs) sent over loopback.
 * <ul>
 *   <li>mode {@code service}: into the real service ({@link ServiceBench}), with pmacct's pmbmpd on the same
 *       stream ({@link PmbmpdAnchor}) and the raw loopback transfer beside it;
 *   <li>mode {@code service-only}: the service without the anchors;
 *   <li>mode {@code station}: into an in-process BMP station and ingest without consumers, reporting heap bytes
 *       per path beyond the interned attribute sets after a full GC as well.
 * </ul>
 * Prefixes/s count from the first byte until every path is queryable. Not a test: it reports, asserts nothing.
 */
public final class CollectorBench {
  public static void main(String[] args) throws Exception {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int ipv4 = args.length > 1 ? Integer.parseInt(args[1]) : 1_050_000;
    int ipv6 = args.length > 2 ? Integer.parseInt(args[2]) : 230_000;
    int perUpdate = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    String mode = args.length > 4 ? args[4] : "service";
    Path dir = Path.of(args.length > 5 ? args[5] : "bench/target");
    Path root = Path.of(args.length > 6 ? args[6] : ".");
    Files.createDirectories(dir);
    Path stream = dir.resolve("bmp-" + peers + "x" + ipv4 + "+" + ipv6 + (perUpdate > 0 ? "-per" + perUpdate : "")
        + ".bin");
    long paths = (long) peers * (ipv4 + ipv6);
    if (!Files.exists(stream)) {
      long t0 = System.nanoTime();
      Path tmp = dir.resolve(stream.getFileName() + ".tmp");
      BmpStreamGenerator.write(tmp, new FullTable(ipv4, ipv6, 20240101L), peers, perUpdate);
      Files.move(tmp, stream);
      System.out.printf("generated %s (%,d bytes) in %.1f s%n", stream, Files.size(stream), (System.nanoTime() - t0) / 1e9);
    }
    String shape = String.format("%d peers x (%,d IPv4 + %,d IPv6), %s, %,d bytes of BMP", peers, ipv4, ipv6,
        perUpdate > 0 ? "at most " + perUpdate + " prefix(es) per UPDATE" : "packed UPDATEs", Files.size(stream));
    if (mode.equals("service-only")) {
      report("routemill run", paths, ServiceBench.run(root, stream, paths, dir));
      return;
    }
    if (mode.equals("service")) {
      System.out.println(shape);
      double raw = ServiceBench.rawLoopback(stream);
      System.out.printf("raw loopback transfer:  %7.2f s%n", raw);
      report("pmbmpd (pmacct)", paths, PmbmpdAnchor.run(stream, paths, dir));
      report("routemill run", paths, ServiceBench.run(root, stream, paths, dir));
      return;
    }
    station(stream, paths, shape);
  }

  private static void report(String who, long paths, double seconds) {
    if (seconds > 0) System.out.printf("%-22s %7.2f s  %,12.0f prefixes/s%n", who + ":", seconds, paths / seconds);
  }

  private static void station(Path stream, long paths, String shape) throws Exception {
    Rib rib = new Rib();
    long baseline = usedHeapAfterGc();
    try (BmpStation station = new BmpStation("127.0.0.1", 0, new Ingest(rib, RouteEventStream.NONE), Clock.systemUTC())) {
      int port = station.start();
      long start = System.nanoTime();
      try (FileChannel file = FileChannel.open(stream, StandardOpenOption.READ);
          SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        long sent = 0;
        long size = file.size();
        while (sent < size) sent += file.transferTo(sent, size - sent, socket);
        long loaded;
        long lastProgress = System.nanoTime();
        long previous = -1;
        while ((loaded = loadedPaths(rib)) < paths) {
          if (loaded != previous) {
            previous = loaded;
            lastProgress = System.nanoTime();
          } else if (System.nanoTime() - lastProgress > 20_000_000_000L) {
            System.out.printf("stalled at %,d of %,d paths; router: %s%n", loaded, paths, station.routers());
            return;
          }
          LockSupport.parkNanos(2_000_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ingested %,d paths (%s) in %.2f s: %,.0f prefixes/s%n", loaded, shape, seconds,
            loaded / seconds);
        long used = usedHeapAfterGc() - baseline;
        long interned = rib.interner().heapBytes();
        System.out.printf("heap after full GC: %,d bytes; interned attribute sets: %,d sets, %,d bytes%n", used,
            rib.interner().size(), interned);
        System.out.printf("heap per path beyond the interned attribute sets: %.1f bytes (target <= 64)%n",
            (used - interned) / (double) loaded);
        System.out.printf("router errors: %s%n", station.routers().isEmpty() ? "{}" : station.routers().get(0).errors());
        long dropStart = System.nanoTime();
        int dropped = rib.dropRouter("127.0.0.1");
        System.out.printf("router disconnect: %d tables flushed in %.2f s%n", dropped, (System.nanoTime() - dropStart) / 1e9);
      }
    }
  }

  private static long loadedPaths(Rib rib) {
    long n = 0;
    for (TableKey key : rib.keys()) {
      TableCounts c = rib.counts(key);
      if (c != null) n += c.pathsIpv4() + c.pathsIpv6();
    }
    return n;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private CollectorBench() {}

}
