package io.routemill.collector.rib;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import io.routemill.wire.bgp.attr.PathAttributes;
import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntMaps;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The routes of one {@link TableKey}: IPv4 and IPv6 unicast paths (multicast, SAFI 2, is counted and ignored), keyed
 * by prefix and ADD-PATH path id, each holding an interned attribute id and a receive time. See {@link Rib} for
 * the concurrency design: one writer at a time (enforced by a writer mutex that is uncontended in normal use),
 * each UPDATE applied under the table's write lock, readers under its read lock.
 */
public final class PeerTable {
  private final Rib rib;
  private final TableKey key;
  private final ReentrantLock writer = new ReentrantLock();
  final StampedLock lock = new StampedLock();
  private final PrefixTable v4 = new PrefixTable(false);
  private final PrefixTable v6 = new PrefixTable(true);
  private final ConcurrentHashMap<AfiSafi, Long> endOfRib = new ConcurrentHashMap<>();
  /** Incremented under the write lock by every change; readers use it to detect a table that moved on. */
  long version;
  private boolean closed;
  private volatile long peerAsn;
  private volatile byte[] peerBgpId = new byte[0];
  private volatile long ignoredMulticast;
  private volatile long lastUpdateMillis;

  /**
   * The {@link Rib#additionEpoch} of the last change that added a prefix to this table (written under the write
   * lock, after the prefix went into the index): a query that started at an earlier epoch may have scanned the
   * index before the prefix was there.
   */
  long lastAddEpoch;

  // Per-UPDATE scratch (writer only): index additions and removals as (a, b, len) triples, and attribute
  // references to drop.
  private final PrefixTable.LongBuffer addV4 = new PrefixTable.LongBuffer();
  private final PrefixTable.LongBuffer addV6 = new PrefixTable.LongBuffer();
  private final PrefixTable.LongBuffer delV4 = new PrefixTable.LongBuffer();
  private final PrefixTable.LongBuffer delV6 = new PrefixTable.LongBuffer();
  private int[] drops = new int[64];
  private int dropCount;
  // prefixes changed by the current UPDATE, collected only while someone listens (RibChanges#active)
  private final PrefixTable.LongBuffer changedV4 = new PrefixTable.LongBuffer();
  private final PrefixTable.LongBuffer changedV6 = new PrefixTable.LongBuffer();
  private boolean collectChanges;

  PeerTable(Rib rib, TableKey key) {
    this.rib = rib;
    this.key = key;
  }

  public TableKey key() {
    return key;
  }

  /** The peer's AS number, for query results (set by whoever knows it: BMP per-peer header or OPEN). */
  public long peerAsn() {
    return peerAsn;
  }

  public void setPeerAsn(long asn) {
    this.peerAsn = asn;
  }

  /** The peer's BGP identifier (4 bytes, shared: do not modify), or an empty array when unknown. */
  public byte[] peerBgpId() {
    return peerBgpId;
  }

  public void setPeerBgpId(byte[] bgpId) {
    this.peerBgpId = bgpId;
  }

  /** When the last UPDATE was applied (epoch millis), 0 if none. */
  public long lastUpdateMillis() {
    return lastUpdateMillis;
  }

  /** When the End-of-RIB marker for {@code family} was seen (epoch millis), or null. */
  public Long endOfRib(AfiSafi family) {
    return endOfRib.get(family);
  }

  /** Whether the table was dropped; a dropped table ignores further changes ({@link Rib#table} makes a new one). */
  public boolean isClosed() {
    writer.lock();
    try {
      return closed;
    } finally {
      writer.unlock();
    }
  }

  /**
   * Applies one UPDATE atomically with respect to readers. Withdrawals first (IPv4 field, MP_UNREACH_NLRI), then
   * announcements (NLRI, MP_REACH_NLRI), each replacing the path with the same prefix and path id (implicit
   * withdrawal). An UPDATE whose RFC 7606 action is treat-as-withdraw or worse withdraws every prefix it carries
   * (RFC 7606 §2). End-of-RIB only records its time. Multicast routes are counted and ignored.
   */
  public void apply(Update update, long receivedAtMillis) {
    apply(update, receivedAtMillis, 0);
  }

  /**
   * As {@link #apply(Update, long)}, recording on every announced path the router-quirk corrections made to it
   * ({@link io.routemill.collector.rib.Correction#bits}; the RIB keeps the first two).
   */
  public void apply(Update update, long receivedAtMillis, int corrections) {
    writer.lock();
    try {
      if (closed) return;
      collectChanges = rib.changes.active();
      lastUpdateMillis = receivedAtMillis;
      AfiSafi eor = update.endOfRibFamily();
      if (eor != null) {
        endOfRib.put(eor, receivedAtMillis);
        return;
      }
      PathAttributes pa = update.attributes();
      boolean withdrawAll = update.action().compareTo(Rfc7606Action.TREAT_AS_WITHDRAW) >= 0;
      Attr14MpReach reach = pa.mpReach();
      Attr15MpUnreach unreach = pa.mpUnreach();
      List<Route> reachRoutes = reach == null ? List.of() : reach.routes();
      boolean reachUnicast = reach != null && isUnicast(reach.family());
      boolean unreachUnicast = unreach != null && isUnicast(unreach.family());
      if (reach != null && !reachUnicast) ignoredMulticast += reachRoutes.size();
      if (unreach != null && !unreachUnicast) ignoredMulticast += unreach.routes().size();
      List<Route> announced = update.announced();
      int v4Id = 0;
      int mpId = 0;
      if (!withdrawAll) {
        if (!announced.isEmpty()) {
          v4Id = rib.interner().acquire(CanonicalAttributes.encode(pa, null), announced.size());
        }
        if (reachUnicast && !reachRoutes.isEmpty()) {
          mpId = rib.interner().acquire(CanonicalAttributes.encode(pa, reach), reachRoutes.size());
        }
      }
      long seconds = Math.floorDiv(receivedAtMillis, 1000L);
      long stamp = lock.writeLock();
      try {
        withdraw(update.withdrawn());
        if (unreachUnicast) withdraw(unreach.routes());
        if (withdrawAll) {
          withdraw(announced);
          if (reachUnicast) withdraw(reachRoutes);
        } else {
          if (v4Id != 0) announce(announced, PrefixTable.value(v4Id, seconds, corrections));
          if (mpId != 0) announce(reachRoutes, PrefixTable.value(mpId, seconds, corrections));
        }
        publishAdditions();
        version++;
      } finally {
        lock.unlockWrite(stamp);
      }
      flush();
    } finally {
      writer.unlock();
    }
  }

  private static boolean isUnicast(AfiSafi f) {
    return f.safi() == AfiSafi.SAFI_UNICAST && (f.afi() == AfiSafi.AFI_IPV4 || f.afi() == AfiSafi.AFI_IPV6);
  }

  private void announce(List<Route> routes, long value) {
    for (int i = 0, n = routes.size(); i < n; i++) {
      Route r = routes.get(i);
      Prefix p = r.prefix();
      boolean ipv6 = !p.isIpv4();
      PrefixTable t = ipv6 ? v6 : v4;
      long a = PrefixKeys.high(p);
      long b = PrefixKeys.low(p);
      long old = t.put(a, b, p.length(), r.pathId(), value);
      if (old != 0) drop(PrefixTable.attrId(old));
      if (t.lastPutNewPrefix) indexChange(ipv6, a, b, p.length(), 1);
      if (collectChanges) changed(ipv6, a, b, p.length());
    }
  }

  private void changed(boolean ipv6, long a, long b, int len) {
    PrefixTable.LongBuffer buf = ipv6 ? changedV6 : changedV4;
    buf.add(a);
    buf.add(b);
    buf.add(len);
  }

  /**
   * Puts one path of a RIB dump (an MRT TABLE_DUMP / TABLE_DUMP_V2 entry): {@code attributes} are canonical bytes
   * ({@link CanonicalAttributes#encode}), {@code seconds} its originated time. Replaces the path with the same
   * prefix and path id ({@link Route#NO_PATH_ID} when none), atomically for readers.
   */
  public void put(Prefix prefix, long pathId, byte[] attributes, long seconds) {
    writer.lock();
    try {
      if (closed) return;
      collectChanges = rib.changes.active();
      lastUpdateMillis = seconds * 1000;
      int id = rib.interner().acquire(attributes, 1);
      long stamp = lock.writeLock();
      try {
        announce(List.of(new Route(prefix, pathId)), PrefixTable.value(id, seconds));
        publishAdditions();
        version++;
      } finally {
        lock.unlockWrite(stamp);
      }
      flush();
    } finally {
      writer.unlock();
    }
  }

  /** Records an End-of-RIB marker (RFC 4724 §2) for {@code family}. */
  public void markEndOfRib(AfiSafi family, long receivedAtMillis) {
    endOfRib.put(family, receivedAtMillis);
    lastUpdateMillis = receivedAtMillis;
  }

  private void withdraw(List<Route> routes) {
    for (int i = 0, n = routes.size(); i < n; i++) {
      Route r = routes.get(i);
      Prefix p = r.prefix();
      boolean ipv6 = !p.isIpv4();
      PrefixTable t = ipv6 ? v6 : v4;
      long a = PrefixKeys.high(p);
      long b = PrefixKeys.low(p);
      long old = t.remove(a, b, p.length(), r.pathId());
      if (old == 0) continue;
      drop(PrefixTable.attrId(old));
      if (t.lastRemoveLastOfPrefix) indexChange(ipv6, a, b, p.length(), -1);
      if (collectChanges) changed(ipv6, a, b, p.length());
    }
  }

  private void drop(int attrId) {
    if (dropCount == drops.length) drops = Arrays.copyOf(drops, dropCount * 2);
    drops[dropCount++] = attrId;
  }

  private void indexChange(boolean ipv6, long a, long b, int len, int delta) {
    PrefixTable.LongBuffer buf = delta > 0 ? (ipv6 ? addV6 : addV4) : (ipv6 ? delV6 : delV4);
    buf.add(a);
    buf.add(b);
    buf.add(len);
  }

  /**
   * Index additions go in before the UPDATE becomes visible (called under the table's write lock; the index lock
   * is a leaf below it), removals after ({@link #flush}): a prefix present in any visible state of the table is
   * in the index. Then the table is stamped with a new addition epoch, which lets a query that started earlier
   * (and may have scanned the index before these prefixes arrived) notice and start over.
   */
  private void publishAdditions() {
    if (addV4.n == 0 && addV6.n == 0) return;
    applyIndex(rib.index(false), addV4, true);
    applyIndex(rib.index(true), addV6, true);
    lastAddEpoch = rib.additionEpoch.incrementAndGet();
  }

  /** Applies index removals and attribute releases (writer mutex held, table lock not held). */
  private void flush() {
    applyIndex(rib.index(false), delV4, false);
    applyIndex(rib.index(true), delV6, false);
    if (collectChanges) {
      rib.changes.fire(key, false, changedV4);
      rib.changes.fire(key, true, changedV6);
      collectChanges = false;
    }
    if (dropCount > 0) {
      int[] d = drops;
      int n = dropCount;
      if (n > 1) Arrays.sort(d, 0, n);
      AttributeInterner interner = rib.interner();
      for (int i = 0; i < n; ) {
        int j = i + 1;
        while (j < n && d[j] == d[i]) j++;
        interner.release(d[i], j - i);
        i = j;
      }
      dropCount = 0;
      if (drops.length > 4096) drops = new int[64];
    }
  }

  private static void applyIndex(PrefixIndex index, PrefixTable.LongBuffer changes, boolean add) {
    if (changes.n == 0) return;
    long[] c = changes.a;
    // bounded lock holds so that a peer drop does not stall other writers for long
    for (int start = 0; start < changes.n; start += 3 * 4096) {
      int end = Math.min(changes.n, start + 3 * 4096);
      long stamp = index.lock.writeLock();
      try {
        for (int i = start; i < end; i += 3) {
          if (add) index.add(c[i], c[i + 1], (int) c[i + 2]);
          else index.remove(c[i], c[i + 1], (int) c[i + 2]);
        }
      } finally {
        index.lock.unlockWrite(stamp);
      }
    }
    changes.clear();
    if (changes.a.length > 1 << 16) changes.a = new long[16];
  }

  /** Marks every path stale (RFC 4724 §4.2: the peer restarted; keep its routes until refreshed or swept). */
  public int markStale() {
    return markStale(0);
  }

  /** Marks the paths of one AFI stale ({@link AfiSafi#AFI_IPV4} or {@code AFI_IPV6}; 0 for both). */
  public int markStale(int afi) {
    writer.lock();
    try {
      long stamp = lock.writeLock();
      try {
        int n = 0;
        if (afi != AfiSafi.AFI_IPV6) n += v4.markStale();
        if (afi != AfiSafi.AFI_IPV4) n += v6.markStale();
        version++;
        return n;
      } finally {
        lock.unlockWrite(stamp);
      }
    } finally {
      writer.unlock();
    }
  }

  /** Removes every path still stale (restart timer expired, or End-of-RIB after the restart); returns how many. */
  public int sweepStale() {
    return sweepStale(0);
  }

  public int sweepStale(int afi) {
    writer.lock();
    try {
      collectChanges = rib.changes.active();
      int n = 0;
      long stamp = lock.writeLock();
      try {
        if (afi != AfiSafi.AFI_IPV6) n += sweep(v4, false);
        if (afi != AfiSafi.AFI_IPV4) n += sweep(v6, true);
        version++;
      } finally {
        lock.unlockWrite(stamp);
      }
      flush();
      return n;
    } finally {
      writer.unlock();
    }
  }

  private int sweep(PrefixTable t, boolean ipv6) {
    if (t.countStale() == 0) return 0;
    PrefixTable.Copy c = t.copy();
    int n = 0;
    for (int i = 0; i < c.size; i++) {
      if ((c.vals[i] & PrefixTable.STALE) == 0) continue;
      long a = c.hi(i);
      long b = c.lo(i);
      int len = c.length(i);
      long old = t.remove(a, b, len, c.pids[i]);
      if (old == 0) continue;
      n++;
      drop(PrefixTable.attrId(old));
      if (t.lastRemoveLastOfPrefix) indexChange(ipv6, a, b, len, -1);
      if (collectChanges) changed(ipv6, a, b, len);
    }
    return n;
  }

  /** Removes everything and refuses later changes (peer down); called by {@link Rib#drop}. */
  void close() {
    writer.lock();
    try {
      if (closed) return;
      closed = true;
      PrefixTable.Copy c4;
      PrefixTable.Copy c6;
      boolean addPath4;
      boolean addPath6;
      long stamp = lock.writeLock();
      try {
        c4 = v4.copy();
        c6 = v6.copy();
        addPath4 = v4.pids != null;
        addPath6 = v6.pids != null;
        v4.clear();
        v6.clear();
        version++;
      } finally {
        lock.unlockWrite(stamp);
      }
      releaseAll(c4, false, addPath4);
      releaseAll(c6, true, addPath6);
      if (rib.changes.active()) rib.changes.dropped(key);
    } finally {
      writer.unlock();
    }
  }

  private void releaseAll(PrefixTable.Copy c, boolean ipv6, boolean addPath) {
    if (c.size == 0) return;
    if (addPath) c.sort(); // paths of one prefix adjacent: one index reference per prefix
    Int2IntOpenHashMap refs = new Int2IntOpenHashMap();
    for (int i = 0; i < c.size; i++) {
      refs.addTo(PrefixTable.attrId(c.vals[i]), 1);
      boolean firstOfPrefix = !addPath || i == 0 || c.k0[i] != c.k0[i - 1]
          || (ipv6 && (c.k1[i] != c.k1[i - 1] || c.lens[i] != c.lens[i - 1]));
      if (firstOfPrefix) indexChange(ipv6, c.hi(i), c.lo(i), c.length(i), -1);
    }
    applyIndex(rib.index(ipv6), ipv6 ? delV6 : delV4, false);
    AttributeInterner interner = rib.interner();
    for (Int2IntMap.Entry e : Int2IntMaps.fastIterable(refs)) interner.release(e.getIntKey(), e.getIntValue());
  }

  /** Current sizes (a consistent reading). */
  public TableCounts counts() {
    long stamp = lock.readLock();
    try {
      return new TableCounts(v4.prefixes, v4.size, v6.prefixes, v6.size, 0, ignoredMulticast);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Current sizes including the number of stale paths (scans the table). */
  public TableCounts countsWithStale() {
    long stamp = lock.readLock();
    try {
      return new TableCounts(v4.prefixes, v4.size, v6.prefixes, v6.size, v4.countStale() + v6.countStale(),
          ignoredMulticast);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  // ---- reader side (package-private; Rib's queries) ----

  /**
   * Reads every path of a prefix: appends (path id, value) pairs to {@code out} and the attribute bytes of each
   * to {@code bytes}; the caller holds the read lock (or the writer mutex). Returns the table version.
   */
  long readLocked(boolean ipv6, long a, long b, int len, PrefixTable.LongBuffer out, List<byte[]> bytes) {
    int before = out.n;
    (ipv6 ? v6 : v4).paths(a, b, len, out);
    AttributeInterner interner = rib.interner();
    for (int i = before; i < out.n; i += 2) bytes.add(interner.bytes(PrefixTable.attrId(out.a[i + 1])));
    return version;
  }

  /** Copies both families under the read lock (a consistent view of the table). */
  PrefixTable.Copy[] copy() {
    long stamp = lock.readLock();
    try {
      return new PrefixTable.Copy[] {v4.copy(), v6.copy()};
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Heap bytes of the table's arrays (for measurements). */
  long arrayBytes() {
    long stamp = lock.readLock();
    try {
      return v4.arrayBytes() + v6.arrayBytes();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public String toString() {
    return "PeerTable[" + key + ", " + v4 + ", " + v6 + "]";
  }
}
