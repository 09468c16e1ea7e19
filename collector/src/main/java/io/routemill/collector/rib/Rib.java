package io.routemill.collector.rib;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory RIB: every monitored peer's Adj-RIB-In / Adj-RIB-Out / Loc-RIB view ({@link TableKey}), built for
 * 100 full-table peers (≈128 M paths).
 *
 * <h2>Memory</h2>
 * No object per route. Each {@link PeerTable} keeps two {@link PrefixTable}s (IPv4, IPv6): parallel primitive
 * arrays with open addressing, (prefix[, path id]) → one long holding a 28-bit attribute id, corrections, flags (stale, no path
 * id) and the receive time in epoch seconds: 16 bytes a slot for IPv4, 25 for IPv6, +4 under ADD-PATH, at a load
 * of 0.5–0.75. Attribute sets are interned once for the whole RIB ({@link AttributeInterner}, keyed by
 * {@link CanonicalAttributes} bytes, reference counted by paths, freed at zero) and decoded only for queries,
 * through a bounded direct-mapped cache whose decoded {@code PathAttributes} the query rows ({@link RouteRow})
 * share. One {@link PrefixIndex} per family holds the union of all tables' prefixes, each counted once per table
 * holding it, sorted for more-specific range scans.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li><b>Writers.</b> A table is written by one thread at a time (its session's event loop); a per-table
 *       writer mutex makes that a guarantee rather than an assumption, at the cost of one uncontended lock per
 *       UPDATE. Different tables are written in parallel by different threads.
 *   <li><b>Atomic UPDATEs.</b> All changes of one UPDATE to a table are made under the table's
 *       {@link java.util.concurrent.locks.StampedLock} write lock, held only for the primitive-array work (the
 *       attribute set is encoded and interned before; index removals and reference releases happen after), so
 *       readers never see half an UPDATE and wait at most for one UPDATE's worth of array writes. Each UPDATE
 *       bumps the table's version. StampedLock rather than ReentrantReadWriteLock: cheaper uncontended, and no
 *       reentrancy is needed.
 *   <li><b>Readers</b> take a table's read lock per lookup (one prefix: microseconds), so ingest is never
 *       blocked for long. A query page remembers the version of every table it read; if a table moved on in the
 *       middle of a page, the page is rebuilt, so a page never mixes two states of one table (e.g. half of an
 *       UPDATE that moved routes between two prefixes). After a few such retries under heavy churn the page is
 *       built holding the read locks of the selected tables, taken in {@link TableKey} order (a global order,
 *       so readers cannot deadlock among themselves behind waiting writers; writers hold one table lock at a
 *       time and only leaf locks below it).
 *   <li><b>Prefix index vs tables.</b> Queries find candidate prefixes in the index, then read the tables. So
 *       that no route visible in a table is missing from the index: an UPDATE's index <i>additions</i> are made
 *       while its table write lock is held, before the change becomes visible, and its index <i>removals</i>
 *       after the lock is released. The index may therefore list prefixes a table no longer has (queries skip
 *       them). A page that scanned the index before a table gained prefixes would still miss them; each such
 *       UPDATE stamps its table with a global addition epoch, and a page that reads a table stamped after the
 *       page began is rebuilt.
 *   <li><b>Shared structures.</b> The interner is lock-striped (64 monitors, leaf locks). Each prefix index is
 *       guarded by a StampedLock, a leaf below table locks: writers take it once per UPDATE for additions and
 *       once for removals (batched), readers for short bounded scans without holding it while they wait for a
 *       table lock, so there is no lock-order cycle.
 *   <li><b>Attribute ids</b> stay valid while a table holds them: queries fetch attribute bytes under the
 *       table's read lock; snapshots ({@link #forEachRoute}) copy a table's arrays under its read lock and pin
 *       released ids through {@link AttributeInterner#beginSnapshot()}.
 * </ul>
 *
 * <h2>Queries</h2>
 * {@link #routes} answers exact / longest / more (the prefix and all more-specifics) / less (the prefix and all
 * less-specifics) in prefix order, then table-key order, then path id; the cursor names the last route returned
 * and is stable under concurrent changes.
 */
public final class Rib {
  private static final int ATTRIBUTE_CACHE = 1 << 15;

  private static final int RETRIES_BEFORE_LOCKING = 3;

  private final ConcurrentHashMap<TableKey, PeerTable> tables = new ConcurrentHashMap<>();
  private final AtomicLong tablesVersion = new AtomicLong();
  /** Incremented by every UPDATE that adds prefixes to the index; see {@link PeerTable#lastAddEpoch}. */
  final AtomicLong additionEpoch = new AtomicLong();
  private final AtomicLong pageRebuilds = new AtomicLong();
  private final AtomicLong lockedPages = new AtomicLong();
  private volatile PeerTable[] sorted = new PeerTable[0];
  private volatile long sortedVersion = -1;
  private final AttributeInterner interner = new AttributeInterner();
  private final PrefixIndex index4 = new PrefixIndex(false);
  private final PrefixIndex index6 = new PrefixIndex(true);
  final RibChanges changes = new RibChanges();
  private final CachedAttributes[] decoded = new CachedAttributes[ATTRIBUTE_CACHE];

  /** The table for a key, created empty if absent. */
  public PeerTable table(TableKey key) {
    PeerTable t = tables.get(key);
    if (t != null) return t;
    t = tables.computeIfAbsent(key, k -> {
      tablesVersion.incrementAndGet();
      return new PeerTable(this, k);
    });
    return t;
  }

  /** Tells {@code listener} of every change from now on (see {@link RibChangeListener}). */
  public void addChangeListener(RibChangeListener listener) {
    changes.add(listener);
  }

  public void removeChangeListener(RibChangeListener listener) {
    changes.remove(listener);
  }

  /** The table for a key, or null. */
  public PeerTable find(TableKey key) {
    return tables.get(key);
  }

  /** Removes a table and all its routes (peer down). Returns whether it existed. */
  public boolean drop(TableKey key) {
    PeerTable t = tables.remove(key);
    if (t == null) return false;
    tablesVersion.incrementAndGet();
    t.close();
    return true;
  }

  /** Removes every table learned through a router (BMP session closed). Returns how many. */
  public int dropRouter(String router) {
    int n = 0;
    for (TableKey k : keys()) {
      if (k.router().equals(router) && drop(k)) n++;
    }
    return n;
  }

  /** All table keys, in key order. */
  public List<TableKey> keys() {
    PeerTable[] s = sortedTables();
    List<TableKey> out = new ArrayList<>(s.length);
    for (PeerTable t : s) out.add(t.key());
    return out;
  }

  /** The counts of one table, or null if there is none. */
  public TableCounts counts(TableKey key) {
    PeerTable t = tables.get(key);
    return t == null ? null : t.counts();
  }

  public AttributeInterner interner() {
    return interner;
  }

  PrefixIndex index(boolean v6) {
    return v6 ? index6 : index4;
  }

  /** Distinct prefixes over all tables, per family. */
  public long distinctPrefixes(int afi) {
    PrefixIndex ix = index(afi == AfiSafi.AFI_IPV6);
    long stamp = ix.lock.readLock();
    try {
      return ix.distinct();
    } finally {
      ix.lock.unlockRead(stamp);
    }
  }

  /** An estimate of the heap held by tables and indexes (not the interned sets): for measurements. */
  public long structureBytes() {
    long n = 0;
    for (PeerTable t : tables.values()) n += t.arrayBytes();
    for (PrefixIndex ix : new PrefixIndex[] {index4, index6}) {
      long stamp = ix.lock.readLock();
      try {
        n += ix.heapBytes();
      } finally {
        ix.lock.unlockRead(stamp);
      }
    }
    return n;
  }

  /** Query pages rebuilt because a table changed while they were built (a statistic). */
  public long pageRebuilds() {
    return pageRebuilds.get();
  }

  /** Query pages built holding the tables' read locks after repeated rebuilds (a statistic). */
  public long lockedPages() {
    return lockedPages.get();
  }

  private PeerTable[] sortedTables() {
    long v = tablesVersion.get();
    if (sortedVersion == v) return sorted;
    PeerTable[] s = tables.values().toArray(new PeerTable[0]);
    Arrays.sort(s, (x, y) -> x.key().compareTo(y.key()));
    if (tablesVersion.get() == v) {
      sorted = s;
      sortedVersion = v;
    }
    return s;
  }

  // ---- snapshots ----

  /**
   * Visits every path of one table as of one moment (the table's arrays are copied under its read lock, which
   * blocks that table's ingest for the copy only), in (prefix, path id) order, IPv4 first. Returns false if there
   * is no such table.
   */
  public boolean forEachRoute(TableKey key, RouteVisitor visitor) {
    PeerTable t = tables.get(key);
    if (t == null) return false;
    interner.beginSnapshot();
    try {
      PrefixTable.Copy[] copies = t.copy();
      for (int f = 0; f < 2; f++) {
        PrefixTable.Copy c = copies[f];
        c.sort();
        int afi = f == 0 ? AfiSafi.AFI_IPV4 : AfiSafi.AFI_IPV6;
        for (int i = 0; i < c.size; i++) {
          long v = c.vals[i];
          int id = PrefixTable.attrId(v);
          visitor.visit(afi, c.hi(i), c.lo(i), c.length(i), c.pids[i], id, interner.bytes(id),
              PrefixTable.seconds(v), (v & PrefixTable.STALE) != 0, PrefixTable.corrections(v));
        }
      }
      return true;
    } finally {
      interner.endSnapshot();
    }
  }

  // ---- queries ----

  /** The decoded attributes of an interned set, through a direct-mapped cache keyed by the set's bytes. */
  private CachedAttributes decoded(int id, byte[] bytes) {
    int slot = (id * 0x9E3779B9) >>> (32 - 15);
    CachedAttributes c = decoded[slot];
    if (c != null && c.bytes == bytes) return c;
    PathAttributes a = CanonicalAttributes.decode(bytes);
    c = new CachedAttributes(bytes, a, RouteRow.lacksNextHop(a) ? Correction.MISSING_NEXT_HOP_KEPT.bit() : 0);
    decoded[slot] = c;
    return c;
  }

  /** One decoded set and the corrections its attributes imply (a route without any next hop was kept). */
  private record CachedAttributes(byte[] bytes, PathAttributes attributes, int correctionBits) {}

  /** Answers a route query; see the class comment for match kinds and order. */
  public RoutePage routes(RouteQuery q) {
    if (q.prefix() == null || q.match() == null) throw new IllegalArgumentException("prefix and match are required");
    if (q.limit() < 1 || q.limit() > 10_000) throw new IllegalArgumentException("limit " + q.limit());
    boolean v6 = !q.prefix().isIpv4();
    Cursor cursor = q.cursor() == null ? null : Cursor.decode(q.cursor(), v6);
    String peer = q.peer() == null ? null : TableKey.canonicalAddress(q.peer());
    List<PeerTable> selected = new ArrayList<>();
    for (PeerTable t : sortedTables()) {
      TableKey k = t.key();
      if ((peer == null || peer.equals(k.peerAddress())) && (q.rib() == null || q.rib() == k.rib())) selected.add(t);
    }
    for (int attempt = 0; ; attempt++) {
      boolean locking = attempt >= RETRIES_BEFORE_LOCKING;
      if (locking) lockedPages.incrementAndGet();
      Page page = new Page(q, v6, cursor, selected, locking);
      try {
        return page.run();
      } catch (TableMoved e) {
        // a table changed while this page was built: rebuild it
        pageRebuilds.incrementAndGet();
      } finally {
        page.unlockAll();
      }
    }
  }

  private static final class TableMoved extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final TableMoved INSTANCE = new TableMoved();

    private TableMoved() {
      super(null, null, false, false);
    }
  }

  /** The position after which the next page starts: a prefix, a table key and a path id. */
  private record Cursor(boolean v6, long a, long b, int len, TableKey key, long pathId) {
    String encode() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(2);
        out.writeBoolean(v6);
        out.writeLong(a);
        out.writeLong(b);
        out.writeByte(len);
        out.writeUTF(key.router());
        out.writeByte(key.source().ordinal());
        out.writeUTF(key.peerAddress());
        out.writeLong(key.peerDistinguisher());
        out.writeByte(key.rib().ordinal());
        out.writeLong(pathId);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    static Cursor decode(String text, boolean v6) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(text)))) {
        if (in.readByte() != 2) throw new IllegalArgumentException("unknown cursor version");
        boolean cv6 = in.readBoolean();
        long a = in.readLong();
        long b = in.readLong();
        int len = in.readUnsignedByte();
        TableKey key = new TableKey(in.readUTF(), Source.values()[in.readUnsignedByte()], in.readUTF(), in.readLong(),
            RibView.values()[in.readUnsignedByte()]);
        long pathId = in.readLong();
        if (cv6 != v6 || len > (v6 ? 128 : 32)) throw new IllegalArgumentException("cursor of another family");
        return new Cursor(v6, a, b, len, key, pathId);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("bad cursor", e);
      }
    }
  }

  /** One page being built. */
  private final class Page {
    private final RouteQuery q;
    private final boolean v6;
    private final Cursor cursor;
    private final List<PeerTable> tables;
    private final boolean locking;
    private final long[] stamps;
    private final Map<PeerTable, Long> versions = new IdentityHashMap<>();
    private final List<RouteRow> routes = new ArrayList<>();
    private final PrefixTable.LongBuffer paths = new PrefixTable.LongBuffer();
    private final List<byte[]> bytes = new ArrayList<>();
    private Cursor last;
    private boolean more;
    private long epoch;

    Page(RouteQuery q, boolean v6, Cursor cursor, List<PeerTable> tables, boolean locking) {
      this.q = q;
      this.v6 = v6;
      this.cursor = cursor;
      this.tables = tables;
      this.locking = locking;
      this.stamps = new long[locking ? tables.size() : 0];
      if (locking) {
        for (int i = 0; i < tables.size(); i++) stamps[i] = tables.get(i).lock.readLock();
      }
      epoch = additionEpoch.get();
    }

    void unlockAll() {
      for (int i = 0; i < stamps.length; i++) {
        if (stamps[i] != 0) tables.get(i).lock.unlockRead(stamps[i]);
        stamps[i] = 0;
      }
    }

    RoutePage run() {
      Prefix p = q.prefix();
      int plen = p.length();
      long pa = PrefixKeys.high(p);
      long pb = PrefixKeys.low(p);
      PrefixIndex ix = index(v6);
      long[] m = new long[2];
      switch (q.match()) {
        case EXACT:
          visit(pa, pb, plen);
          break;
        case LONGEST:
          if (cursor != null) {
            PrefixKeys.mask(v6, pa, pb, cursor.len, m);
            if (cursor.len > plen || m[0] != cursor.a || m[1] != cursor.b) {
              throw new IllegalArgumentException("cursor does not belong to this query");
            }
            visit(cursor.a, cursor.b, cursor.len);
          } else {
            long[] candidates = covering(ix, pa, pb, plen);
            for (int i = candidates.length - 3; i >= 0; i -= 3) {
              if (visit(candidates[i], candidates[i + 1], (int) candidates[i + 2])) break;
            }
          }
          break;
        case LESS: {
          long[] candidates = covering(ix, pa, pb, plen);
          for (int i = 0; i < candidates.length && !more; i += 3) {
            visit(candidates[i], candidates[i + 1], (int) candidates[i + 2]);
          }
          break;
        }
        case MORE:
        default:
          more(ix, pa, pb, plen);
          break;
      }
      return new RoutePage(List.copyOf(routes), more ? last.encode() : null);
    }

    /** Prefixes of the index covering (a, b, len), shortest first, as triples. */
    private long[] covering(PrefixIndex ix, long a, long b, int len) {
      PrefixTable.LongBuffer out = new PrefixTable.LongBuffer();
      long[] m = new long[2];
      long stamp = ix.lock.readLock();
      try {
        for (int l = 0; l <= len; l++) {
          if (!ix.hasLength(l)) continue;
          PrefixKeys.mask(v6, a, b, l, m);
          if (ix.refCount(m[0], m[1], l) > 0) {
            out.add(m[0]);
            out.add(m[1]);
            out.add(l);
          }
        }
      } finally {
        ix.lock.unlockRead(stamp);
      }
      return Arrays.copyOf(out.a, out.n);
    }

    private void more(PrefixIndex ix, long pa, long pb, int plen) {
      long[] end = new long[2];
      PrefixKeys.last(v6, pa, pb, plen, end);
      long a = pa;
      long b = pb;
      int len = plen;
      if (cursor != null && PrefixKeys.compare(cursor.a, cursor.b, cursor.len, a, b, len) > 0) {
        a = cursor.a;
        b = cursor.b;
        len = cursor.len;
      }
      PrefixTable.LongBuffer batch = new PrefixTable.LongBuffer();
      boolean first = true;
      while (!more) {
        batch.clear();
        int n;
        long stamp = ix.lock.readLock();
        try {
          n = ix.scan(a, b, len, end[0], end[1], 256, batch);
        } finally {
          ix.lock.unlockRead(stamp);
        }
        int i = 0;
        // the scan starts at (a, b, len) inclusive; after the first batch that prefix was done already
        if (!first && n > 0 && batch.a[0] == a && batch.a[1] == b && batch.a[2] == len) i = 1;
        for (; i < n && !more; i++) visit(batch.a[3 * i], batch.a[3 * i + 1], (int) batch.a[3 * i + 2]);
        if (n < 256) break;
        a = batch.a[3 * (n - 1)];
        b = batch.a[3 * (n - 1) + 1];
        len = (int) batch.a[3 * (n - 1) + 2];
        first = false;
      }
    }

    /** Emits the routes of one prefix from every selected table; returns whether any route exists. */
    private boolean visit(long a, long b, int len) {
      boolean atCursor = false;
      if (cursor != null) {
        int c = PrefixKeys.compare(a, b, len, cursor.a, cursor.b, cursor.len);
        if (c < 0) return false;
        atCursor = c == 0;
      }
      boolean any = false;
      Prefix prefix = null;
      for (int ti = 0; ti < tables.size(); ti++) {
        PeerTable t = tables.get(ti);
        int keyOrder = atCursor ? t.key().compareTo(cursor.key) : 1;
        if (keyOrder < 0) continue;
        paths.clear();
        bytes.clear();
        long version;
        if (locking) {
          version = t.readLocked(v6, a, b, len, paths, bytes);
        } else {
          long addEpoch;
          long stamp = t.lock.readLock();
          try {
            version = t.readLocked(v6, a, b, len, paths, bytes);
            addEpoch = t.lastAddEpoch;
          } finally {
            t.lock.unlockRead(stamp);
          }
          // the table gained prefixes after this page began: the index scan may have missed them
          if (addEpoch > epoch) throw TableMoved.INSTANCE;
          Long seen = versions.putIfAbsent(t, version);
          if (seen != null && seen != version) throw TableMoved.INSTANCE;
        }
        int n = paths.n / 2;
        if (n == 0) continue;
        any = true;
        int[] order = pathOrder(n);
        for (int k = 0; k < n; k++) {
          int j = order[k];
          long pid = paths.a[2 * j];
          if (keyOrder == 0 && pid <= cursor.pathId) continue;
          if (routes.size() == q.limit()) {
            more = true;
            return true;
          }
          if (prefix == null) prefix = PrefixKeys.prefix(v6 ? AfiSafi.AFI_IPV6 : AfiSafi.AFI_IPV4, a, b, len);
          long value = paths.a[2 * j + 1];
          int id = PrefixTable.attrId(value);
          CachedAttributes d = decoded(id, bytes.get(j));
          TableKey key = t.key();
          routes.add(new RouteRow(key, t.peerAsn(), prefix, pid < 0 ? Route.NO_PATH_ID : pid, d.attributes(),
              Instant.ofEpochSecond(PrefixTable.seconds(value)), (value & PrefixTable.STALE) != 0,
              Correction.of(PrefixTable.corrections(value) | d.correctionBits())));
          last = new Cursor(v6, a, b, len, key, pid);
        }
      }
      return any;
    }

    private int[] pathOrder(int n) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) order[i] = i;
      for (int i = 1; i < n; i++) { // few paths per prefix: insertion sort by path id (-1 first)
        int x = order[i];
        int j = i - 1;
        while (j >= 0 && paths.a[2 * order[j]] > paths.a[2 * x]) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
      return order;
    }
  }
}
