package io.routemill.archiver.archive;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Route;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A consistent copy of the archived tables of the RIB, in primitive arrays, for the RIB dumps. Each table is
 * copied by {@link Rib#forEachRoute} under that table's read lock (its ingest waits for the array copy only,
 * milliseconds for a full table); the attribute sets stay readable by id while the snapshot is open
 * ({@link io.routemill.collector.rib.AttributeInterner#beginSnapshot()}), so they are not copied at all.
 *
 * <p>{@link #merge} walks all tables in prefix order, so a dump can group every table's paths of one prefix
 * into one TABLE_DUMP_V2 record.
 */
final class RibSnapshot implements AutoCloseable {
  final Rib rib;
  final List<Table> tables = new ArrayList<>();
  final long takenAtMillis;
  private boolean closed;

  private RibSnapshot(Rib rib, long takenAtMillis) {
    this.rib = rib;
    this.takenAtMillis = takenAtMillis;
  }

  /** @param afterTable told of each table copied (tests: hold the snapshot between two tables); may be null */
  static RibSnapshot take(Rib rib, Predicate<TableKey> include, long nowMillis, Consumer<TableKey> afterTable) {
    RibSnapshot s = new RibSnapshot(rib, nowMillis);
    rib.interner().beginSnapshot();
    try {
      for (TableKey key : rib.keys()) {
        if (!include.test(key)) continue;
        PeerTable pt = rib.find(key);
        if (pt == null) continue;
        Table t = new Table(key, pt.peerAsn(), pt.peerBgpId());
        if (rib.forEachRoute(key, t::add) && t.size() > 0) s.tables.add(t);
        if (afterTable != null) afterTable.accept(key);
      }
    } catch (RuntimeException | Error e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The attribute bytes of an id copied into this snapshot (a TABLE_DUMP_V2 RIB entry's attribute field). */
  byte[] attributes(int id) {
    return rib.interner().bytes(id);
  }

  long routes() {
    long n = 0;
    for (Table t : tables) n += t.size();
    return n;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    rib.interner().endSnapshot();
  }

  /** One table's paths, in (prefix, path id) order, IPv4 then IPv6. */
  static final class Table {
    final TableKey key;
    final long peerAsn;
    /** 4 bytes, or empty when unknown. */
    final byte[] peerBgpId;
    final Family v4 = new Family(false);
    final Family v6 = new Family(true);

    Table(TableKey key, long peerAsn, byte[] peerBgpId) {
      this.key = key;
      this.peerAsn = peerAsn;
      this.peerBgpId = peerBgpId;
    }

    void add(int afi, long high, long low, int length, long pathId, int attributeId, byte[] attributes,
        long receivedAtSeconds, boolean stale, int corrections) {
      (afi == AfiSafi.AFI_IPV4 ? v4 : v6).add(high, low, length, pathId, attributeId, receivedAtSeconds, corrections);
    }

    long size() {
      return v4.size + v6.size;
    }

    Family family(boolean ipv6) {
      return ipv6 ? v6 : v4;
    }

    boolean addPath() {
      return v4.pids != null || v6.pids != null;
    }
  }

  static final class Family {
    final boolean v6;
    long[] hi = new long[16];
    long[] lo;
    byte[] len = new byte[16];
    /** Path ids, allocated at the first one (null: no path has an id). */
    int[] pids;
    int[] attr = new int[16];
    int[] time = new int[16];
    /** Correction bits per path, allocated at the first corrected path (null: none was corrected). */
    byte[] corrections;
    int size;

    Family(boolean v6) {
      this.v6 = v6;
      if (v6) lo = new long[16];
    }

    void add(long high, long low, int length, long pathId, int attributeId, long seconds, int correctionBits) {
      if (size == hi.length) grow();
      if (correctionBits != 0 && corrections == null) corrections = new byte[hi.length];
      if (corrections != null) corrections[size] = (byte) correctionBits;
      hi[size] = high;
      if (v6) lo[size] = low;
      len[size] = (byte) length;
      if (pathId != Route.NO_PATH_ID) {
        if (pids == null) pids = new int[hi.length];
        pids[size] = (int) pathId;
      }
      attr[size] = attributeId;
      time[size] = (int) seconds;
      size++;
    }

    private void grow() {
      int c = hi.length * 2;
      hi = Arrays.copyOf(hi, c);
      if (v6) lo = Arrays.copyOf(lo, c);
      len = Arrays.copyOf(len, c);
      if (pids != null) pids = Arrays.copyOf(pids, c);
      attr = Arrays.copyOf(attr, c);
      time = Arrays.copyOf(time, c);
      if (corrections != null) corrections = Arrays.copyOf(corrections, c);
    }

    /** The correction bits of path {@code i}. */
    int corrections(int i) {
      return corrections == null ? 0 : corrections[i];
    }

    long pathId(int i) {
      return pids == null ? Route.NO_PATH_ID : pids[i] & 0xFFFFFFFFL;
    }

    long low(int i) {
      return v6 ? lo[i] : 0;
    }

    int length(int i) {
      return len[i] & 0xFF;
    }

    /** First index whose prefix is not below (h, l, n). */
    int lowerBound(long h, long l, int n) {
      int a = 0;
      int b = size;
      while (a < b) {
        int m = (a + b) >>> 1;
        if (compare(m, h, l, n) < 0) a = m + 1; else b = m;
      }
      return a;
    }

    int compare(int i, long h, long l, int n) {
      int c = Long.compareUnsigned(hi[i], h);
      if (c == 0 && v6) c = Long.compareUnsigned(lo[i], l);
      if (c == 0) c = Integer.compare(length(i), n);
      return c;
    }
  }

  /** Receives the paths of one prefix from every table holding it. */
  interface PrefixVisitor {
    /**
     * @param tableIndex for each of {@code count} paths, the index of its table in {@link #tables}
     * @param position the path's index in that table's {@link Family}
     */
    void visit(boolean ipv6, long high, long low, int length, int[] tableIndex, int[] position, int count)
        throws java.io.IOException;
  }

  /**
   * Visits the prefixes of one family in order, from {@code from} (inclusive, null for the first) to {@code to}
   * (exclusive, null for the end); each as a triple {high, low, length}. Tables appear in key order, a table's
   * paths in path-id order.
   */
  void merge(boolean ipv6, long[] from, long[] to, PrefixVisitor visitor) throws java.io.IOException {
    int k = tables.size();
    Family[] f = new Family[k];
    int[] pos = new int[k];
    int[] end = new int[k];
    int[] ti = new int[64];
    int[] tp = new int[64];
    for (int t = 0; t < k; t++) {
      f[t] = tables.get(t).family(ipv6);
      pos[t] = from == null ? 0 : f[t].lowerBound(from[0], from[1], (int) from[2]);
      end[t] = to == null ? f[t].size : f[t].lowerBound(to[0], to[1], (int) to[2]);
    }
    while (true) {
      int best = -1;
      for (int t = 0; t < k; t++) {
        if (pos[t] >= end[t]) continue;
        if (best < 0 || f[t].compare(pos[t], f[best].hi[pos[best]], f[best].low(pos[best]), f[best].length(pos[best])) < 0) {
          best = t;
        }
      }
      if (best < 0) return;
      long h = f[best].hi[pos[best]];
      long l = f[best].low(pos[best]);
      int n = f[best].length(pos[best]);
      int count = 0;
      for (int t = 0; t < k; t++) {
        while (pos[t] < end[t] && f[t].compare(pos[t], h, l, n) == 0) {
          if (count == ti.length) {
            ti = Arrays.copyOf(ti, count * 2);
            tp = Arrays.copyOf(tp, count * 2);
          }
          ti[count] = t;
          tp[count] = pos[t];
          count++;
          pos[t]++;
        }
      }
      visitor.visit(ipv6, h, l, n, ti, tp, count);
    }
  }

  /**
   * Split points dividing the snapshot's prefixes of one family into about {@code parts} ranges of similar path
   * counts, as {high, low, length} triples (parts - 1 of them, or fewer for small tables).
   */
  List<long[]> splits(boolean ipv6, int parts) {
    List<long[]> out = new ArrayList<>();
    Table biggest = null;
    for (Table t : tables) {
      if (biggest == null || t.family(ipv6).size > biggest.family(ipv6).size) biggest = t;
    }
    if (biggest == null || parts < 2) return out;
    Family f = biggest.family(ipv6);
    for (int p = 1; p < parts; p++) {
      int i = (int) ((long) f.size * p / parts);
      if (i <= 0 || i >= f.size) continue;
      long[] key = {f.hi[i], f.low(i), f.length(i)};
      if (!out.isEmpty() && Arrays.equals(out.get(out.size() - 1), key)) continue;
      out.add(key);
    }
    return out;
  }
}
