package io.routemill.collector.rib;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.Attr04Med;
import io.routemill.wire.bgp.attr.Attr08Communities;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.collector.rib.RibView;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measurement harness (not a test): fills N peers with a generated full table (1,050,000 IPv4 + 230,000 IPv6
 * prefixes, realistic length mix, 15% of routes with unique attribute sets, the rest spread over 200,000 sets
 * per peer), forces GC and reports heap bytes per path beyond the interned attribute sets, and insert rates
 * (one writer thread, then two tables in parallel on two threads).
 *
 * <pre>
 * java -Xmx8g -cp collector/target/classes:collector/target/test-classes:$(deps) \
 *     io.routemill.collector.rib.RibFootprint [peers=3] [ipv4=1050000] [ipv6=230000]
 * </pre>
 */
public final class RibFootprint {
  static final int SHARED_SETS = 200_000;
  static final double UNIQUE_FRACTION = 0.15;
  static final int MAX_PER_UPDATE = 40;

  private RibFootprint() {}

  public static void main(String[] args) throws Exception {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int n4 = args.length > 1 ? Integer.parseInt(args[1]) : 1_050_000;
    int n6 = args.length > 2 ? Integer.parseInt(args[2]) : 230_000;
    System.out.printf("peers %d, %,d IPv4 + %,d IPv6 prefixes each, %d cores%n", peers, n4, n6,
        Runtime.getRuntime().availableProcessors());
    Random rnd = new Random(1);
    List<Prefix> v4 = ipv4Universe(rnd, n4);
    List<Prefix> v6 = ipv6Universe(rnd, n6);
    long base = usedAfterGc();
    Rib rib = new Rib();
    long paths = 0;
    long insertNanos = 0;
    long insertedSingle = 0;
    long singleNanos = 0;
    long insertedParallel = 0;
    long parallelNanos = 0;
    for (int p = 0; p < peers; ) {
      int batch = p == 0 ? 1 : Math.min(2, peers - p);
      List<List<Update>> feeds = new ArrayList<>();
      long routes = 0;
      for (int k = 0; k < batch; k++) {
        List<Update> feed = feed(new Random(100 + p + k), p + k, v4, v6);
        feeds.add(feed);
        for (Update u : feed) routes += u.announced().size() + (u.attributes().mpReach() == null ? 0
            : u.attributes().mpReach().routes().size());
      }
      List<Thread> threads = new ArrayList<>();
      for (int k = 0; k < batch; k++) {
        TableKey key = key(p + k);
        List<Update> feed = feeds.get(k);
        threads.add(new Thread(() -> {
          PeerTable t = rib.table(key);
          long at = 1_700_000_000_000L;
          for (Update u : feed) t.apply(u, at);
        }));
      }
      long t0 = System.nanoTime();
      for (Thread t : threads) t.start();
      for (Thread t : threads) t.join();
      long dt = System.nanoTime() - t0;
      insertNanos += dt;
      if (batch == 1) {
        insertedSingle += routes;
        singleNanos += dt;
      } else {
        insertedParallel += routes;
        parallelNanos += dt;
      }
      System.out.printf("peers %d..%d: %,d routes on %d thread(s) in %.2f s = %,.0f prefixes/s%n", p, p + batch - 1,
          routes, batch, dt / 1e9, routes / (dt / 1e9));
      paths += routes;
      feeds.clear();
      p += batch;
    }
    long used = usedAfterGc() - base;
    long interned = rib.interner().heapBytes();
    long sets = rib.interner().size();
    long structures = rib.structureBytes();
    long tablesOnly = 0;
    for (TableKey k : rib.keys()) tablesOnly += rib.find(k).arrayBytes();
    System.out.printf("%nfilled: %,d paths in %d tables, %,d + %,d distinct prefixes, %,d attribute sets%n", paths,
        rib.keys().size(), rib.distinctPrefixes(AfiSafi.AFI_IPV4), rib.distinctPrefixes(AfiSafi.AFI_IPV6), sets);
    System.out.printf("heap after GC: %,d bytes; interned attribute sets %,d bytes (%.0f bytes/set)%n", used,
        interned, (double) interned / Math.max(1, sets));
    System.out.printf("=> heap per path beyond interned sets: %.1f bytes (tables %.1f + shared prefix index %.1f"
        + " by array sizes)%n", (double) (used - interned) / paths, (double) tablesOnly / paths,
        (double) (structures - tablesOnly) / paths);
    System.out.printf("=> insert rate: %,.0f prefixes/s single thread, %,.0f prefixes/s on 2 threads"
        + " (%,.0f overall)%n", insertedSingle / (singleNanos / 1e9),
        insertedParallel == 0 ? 0 : insertedParallel / (parallelNanos / 1e9), paths / (insertNanos / 1e9));
    long q0 = System.nanoTime();
    int found = 0;
    for (int i = 0; i < 100_000; i++) {
      Prefix pf = v4.get(rnd.nextInt(v4.size()));
      Prefix host = Prefix.canonical(AfiSafi.AFI_IPV4, pf.address(), 32);
      found += rib.routes(new RouteQuery(host, Match.LONGEST, null, null, 100, null)).routes().size();
    }
    long qd = System.nanoTime() - q0;
    System.out.printf("longest-match queries: %,.0f /s (%,d routes returned)%n", 100_000 / (qd / 1e9), found);
    long s0 = System.nanoTime();
    long[] count = new long[1];
    rib.forEachRoute(key(0), (afi, hi, lo, len, pid, id, bytes, secs, stale, corrections) -> count[0]++);
    System.out.printf("snapshot of one table: %,d routes in %.2f s%n", count[0], (System.nanoTime() - s0) / 1e9);
    long d0 = System.nanoTime();
    rib.drop(key(0));
    System.out.printf("drop of one table: %.2f s%n", (System.nanoTime() - d0) / 1e9);
    if (v4.size() + v6.size() < 0) System.out.println(rib); // keep the universe reachable until here
  }

  static TableKey key(int peer) {
    return new TableKey("192.0.2." + (1 + peer / 10), Source.BMP, "198.51.100." + (1 + peer), 0, RibView.ADJ_IN_PRE);
  }

  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** IPv4: ~60% /24, ~20% /22-/23, ~18% /16-/21, ~2% /8-/15. */
  static List<Prefix> ipv4Universe(Random rnd, int n) {
    LongOpenHashSet seen = new LongOpenHashSet(n * 2);
    List<Prefix> out = new ArrayList<>(n);
    while (out.size() < n) {
      double x = rnd.nextDouble();
      int len = x < 0.60 ? 24 : x < 0.70 ? 23 : x < 0.80 ? 22 : x < 0.98 ? 16 + rnd.nextInt(6) : 8 + rnd.nextInt(8);
      int first = 1 + rnd.nextInt(223);
      if (first == 10 || first == 127) continue;
      long addr = ((long) first << 24) | (rnd.nextInt(1 << 24) & 0xFFFFFFL);
      addr &= 0xFFFFFFFFL << (32 - len);
      if (!seen.add(addr << 8 | len)) continue;
      out.add(PrefixKeys.prefix(AfiSafi.AFI_IPV4, addr & 0xFFFFFFFFL, 0, len));
    }
    return out;
  }

  /** IPv6: ~50% /48, ~40% /32-/44, ~10% /29-/31, /45-/47, /56, /64. */
  static List<Prefix> ipv6Universe(Random rnd, int n) {
    LongOpenHashSet seen = new LongOpenHashSet(n * 2);
    List<Prefix> out = new ArrayList<>(n);
    int[] other = {29, 30, 31, 45, 46, 47, 56, 64};
    while (out.size() < n) {
      double x = rnd.nextDouble();
      int len = x < 0.50 ? 48 : x < 0.70 ? 32 : x < 0.90 ? 33 + rnd.nextInt(12) : other[rnd.nextInt(other.length)];
      long hi = (0x2000L + rnd.nextInt(0x1000)) << 48 | (rnd.nextLong() & 0xFFFFFFFFFFFFL);
      hi &= -1L << (64 - len);
      if (!seen.add(hi ^ ((long) len << 1) ^ len)) continue;
      out.add(PrefixKeys.prefix(AfiSafi.AFI_IPV6, hi, 0, len));
    }
    return out;
  }

  /** One peer's full table as UPDATEs grouping prefixes that share an attribute set. */
  static List<Update> feed(Random rnd, int peer, List<Prefix> v4, List<Prefix> v6) {
    long peerAs = 64_500 + peer;
    int total = v4.size() + v6.size();
    // assign each route a set: unique (-1) or one of SHARED_SETS
    int[] set = new int[total];
    for (int i = 0; i < total; i++) set[i] = rnd.nextDouble() < UNIQUE_FRACTION ? -1 : rnd.nextInt(SHARED_SETS);
    // bucket routes by shared set, per family
    List<List<Route>> buckets4 = new ArrayList<>(SHARED_SETS);
    List<List<Route>> buckets6 = new ArrayList<>(SHARED_SETS);
    for (int s = 0; s < SHARED_SETS; s++) {
      buckets4.add(null);
      buckets6.add(null);
    }
    List<Update> out = new ArrayList<>(total / 3);
    byte[] nh6 = Prefix.parse("2001:db8::" + Integer.toHexString(1 + peer) + "/128").address();
    for (int i = 0; i < total; i++) {
      boolean ipv6 = i >= v4.size();
      Prefix p = ipv6 ? v6.get(i - v4.size()) : v4.get(i);
      Route r = Route.of(p);
      if (set[i] < 0) {
        out.add(update(attributes(new Random(rnd.nextLong()), peerAs, true), ipv6 ? nh6 : null, List.of(r)));
        continue;
      }
      List<List<Route>> buckets = ipv6 ? buckets6 : buckets4;
      List<Route> b = buckets.get(set[i]);
      if (b == null) buckets.set(set[i], b = new ArrayList<>(4));
      b.add(r);
    }
    for (int s = 0; s < SHARED_SETS; s++) {
      for (int f = 0; f < 2; f++) {
        List<Route> b = (f == 0 ? buckets4 : buckets6).get(s);
        if (b == null) continue;
        List<PathAttribute> attrs = attributes(new Random(peer * 1_000_003L + s), peerAs, false);
        for (int i = 0; i < b.size(); i += MAX_PER_UPDATE) {
          out.add(update(attrs, f == 0 ? null : nh6, b.subList(i, Math.min(b.size(), i + MAX_PER_UPDATE))));
        }
      }
    }
    // interleave: a real dump is in prefix order, not grouped by set; shuffle so sets and prefixes mix
    java.util.Collections.shuffle(out, rnd);
    return out;
  }

  static List<PathAttribute> attributes(Random rnd, long peerAs, boolean unique) {
    int hops = 1 + rnd.nextInt(6);
    long[] path = new long[hops + 1];
    path[0] = peerAs;
    for (int i = 1; i <= hops; i++) path[i] = 1 + rnd.nextInt(400_000);
    List<PathAttribute> a = new ArrayList<>(6);
    a.add(new Attr01Origin(rnd.nextInt(8) == 0 ? Attr01Origin.INCOMPLETE : Attr01Origin.IGP));
    a.add(new Attr02AsPath(List.of(AsPathSegment.sequence(path))));
    a.add(new Attr03NextHop(new byte[] {(byte) 198, 51, 100, (byte) (peerAs - 64_499)}));
    if (rnd.nextBoolean() || unique) a.add(new Attr04Med(unique ? rnd.nextInt(1 << 30) : rnd.nextInt(100)));
    int nc = rnd.nextInt(5);
    int[] comms = new int[nc];
    for (int i = 0; i < nc; i++) comms[i] = (int) (peerAs << 16) | rnd.nextInt(3000);
    if (nc > 0) a.add(new Attr08Communities(comms));
    return a;
  }

  static Update update(List<PathAttribute> attrs, byte[] nh6, List<Route> routes) {
    if (nh6 == null) {
      return new Update(List.of(), new PathAttributes(attrs, List.of(), true), routes, List.of(), new byte[0]);
    }
    List<PathAttribute> all = new ArrayList<>(attrs.size() + 1);
    for (PathAttribute p : attrs) {
      if (p.typeCode() != PathAttribute.NEXT_HOP) all.add(p);
    }
    all.add(new Attr14MpReach(AfiSafi.IPV6_UNICAST, nh6, routes, null));
    return new Update(List.of(), new PathAttributes(all, List.of(), true), List.of(), List.of(), new byte[0]);
  }
}
