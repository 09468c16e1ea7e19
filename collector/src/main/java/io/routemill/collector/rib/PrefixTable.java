package io.routemill.collector.rib;

import java.util.Arrays;

/**
 * One address family of one peer's table: (prefix, path id) → packed value, in parallel primitive arrays with
 * open addressing (linear probing, backward-shift deletion, no tombstones). Not thread-safe: {@link PeerTable}
 * guards it (one writer at a time, readers under the read lock).
 *
 * <p>Keys: IPv4 uses {@code k0 = address << 8 | length} only; IPv6 uses {@code k0}/{@code k1} (high/low 64 bits of
 * the address) and {@code lens}. Path ids (RFC 7911) live in {@code pids}, allocated the first time a route with a
 * path id arrives; in such a table a route without one carries {@link #NO_PID} in its value. The hash covers the
 * prefix only, never the path id, so every path of a prefix lies in the probe run from the prefix's home slot:
 * "all paths of P" and "is P still present" are one probe each.
 *
 * <p>Value: bit 63 stale (graceful restart), bit 62 no-path-id, bits 60..61 the router-quirk corrections applied
 * to the path ({@link io.routemill.collector.rib.Correction} bits 0 and 1), bits 32..59 attribute id (never 0),
 * bits 0..31 the receive time in unsigned epoch seconds. A value of 0 marks an empty slot.
 *
 * <p>Capacity is any integer (slot = multiply-high of the hash, Lemire's "fastrange"); the table grows by 1.5×
 * at 3/4 load, so its load stays in 0.5..0.75 and a path costs 21–32 bytes (IPv4), 33–50 (IPv6) plus 4–8 with
 * path ids.
 */
final class PrefixTable {
  static final long STALE = 1L << 63;
  static final long NO_PID = 1L << 62;
  static final long FLAGS = STALE | NO_PID;
  static final int ATTR_BITS = 28;
  static final int ATTR_MASK = (1 << ATTR_BITS) - 1;
  /** Corrections that fit in the value: own AS removed, ADD-PATH flipped (bits 0 and 1 of Correction.bits). */
  static final int CORRECTION_MASK = 0b11;
  private static final int MIN_CAPACITY = 16;

  final boolean v6;
  long[] k0;
  long[] k1;
  byte[] lens;
  int[] pids;
  long[] vals;
  int capacity;
  int size;
  int prefixes;
  /** Set by {@link #put}: the prefix had no path in this table before. */
  boolean lastPutNewPrefix;
  /** Set by {@link #remove}: the removed path was the prefix's last one in this table. */
  boolean lastRemoveLastOfPrefix;

  PrefixTable(boolean v6) {
    this.v6 = v6;
    allocate(MIN_CAPACITY);
  }

  /**
   * Per-table hash seed. Tables are filled and emptied from each other (a peer table's slot order feeds the
   * shared index on drop, a resize re-inserts in slot order); with one hash function for all tables, keys
   * would arrive in home-slot order and build clusters as long as the table (dropping two full tables took
   * minutes). A seed per table decorrelates the slot orders.
   */
  private final long seed = SEEDS.nextLong() | 1;
  private static final java.util.concurrent.atomic.AtomicLong SEED_STATE = new java.util.concurrent.atomic.AtomicLong();
  private static final Seeds SEEDS = new Seeds();

  /** Thread-safe seed source (tables are created on several event loops). */
  private static final class Seeds {
    long nextLong() {
      long z = SEED_STATE.addAndGet(0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }

  private void allocate(int cap) {
    capacity = cap;
    k0 = new long[cap];
    k1 = v6 ? new long[cap] : null;
    lens = v6 ? new byte[cap] : null;
    vals = new long[cap];
    pids = pids == null ? null : new int[cap];
  }

  static long value(int attrId, long seconds) {
    return ((long) attrId << 32) | (seconds & 0xFFFFFFFFL);
  }

  static long value(int attrId, long seconds, int corrections) {
    return value(attrId, seconds) | (long) (corrections & CORRECTION_MASK) << (32 + ATTR_BITS);
  }

  /** The correction bits of a value ({@link io.routemill.collector.rib.Correction#of}). */
  static int corrections(long value) {
    return (int) (value >>> (32 + ATTR_BITS)) & CORRECTION_MASK;
  }

  static int attrId(long value) {
    return (int) (value >>> 32) & ATTR_MASK;
  }

  static long seconds(long value) {
    return value & 0xFFFFFFFFL;
  }

  static int hash(long a, long b, int len) {
    long h = a * 0x9E3779B97F4A7C15L;
    h ^= (b ^ ((long) len << 56)) * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (int) h;
  }

  private int home(long a, long b, int len) {
    return (int) (((hash(a ^ seed, b, len) & 0xFFFFFFFFL) * capacity) >>> 32);
  }

  private int homeOf(int slot) {
    return v6 ? home(k0[slot], k1[slot], lens[slot] & 0xFF) : home(k0[slot], 0, 0);
  }

  private boolean prefixAt(int i, long a, long b, int len) {
    return k0[i] == a && (!v6 || (k1[i] == b && lens[i] == (byte) len));
  }

  private boolean pidAt(int i, long pid) {
    if (pids == null) return pid < 0;
    if (pid < 0) return (vals[i] & NO_PID) != 0;
    return (vals[i] & NO_PID) == 0 && pids[i] == (int) pid;
  }

  /** The path id stored at a slot, or -1. */
  long pidAt(int i) {
    return pids == null || (vals[i] & NO_PID) != 0 ? -1 : pids[i] & 0xFFFFFFFFL;
  }

  /**
   * Inserts or replaces a path of prefix (a, b, len): IPv4 a = address (unsigned), b = 0; IPv6 a/b = high/low
   * address bits. {@code pid} is the path id or -1; {@code value} carries attribute id and time (flags are set here: stale cleared).
   * Returns the previous value (0 if the path is new).
   */
  long put(long a, long b, int len, long pid, long value) {
    if (!v6) {
      a = (a << 8) | len;
      b = 0;
      len = 0;
    }
    if (pid >= 0 && pids == null) enablePathIds();
    value &= ~FLAGS;
    if (pids != null && pid < 0) value |= NO_PID;
    int i = home(a, b, len);
    boolean sawPrefix = false;
    while (vals[i] != 0) {
      if (prefixAt(i, a, b, len)) {
        sawPrefix = true;
        if (pidAt(i, pid)) {
          long old = vals[i];
          vals[i] = value;
          lastPutNewPrefix = false;
          return old;
        }
      }
      if (++i == capacity) i = 0;
    }
    lastPutNewPrefix = !sawPrefix;
    if (size + 1 > capacity - (capacity >>> 2)) {
      resize(Math.max(MIN_CAPACITY, capacity + (capacity >>> 1)));
      i = home(a, b, len);
      while (vals[i] != 0) {
        if (++i == capacity) i = 0;
      }
    }
    k0[i] = a;
    if (v6) {
      k1[i] = b;
      lens[i] = (byte) len;
    }
    if (pids != null) pids[i] = (int) pid;
    vals[i] = value;
    size++;
    if (!sawPrefix) prefixes++;
    return 0;
  }

  /** The value of one path, or 0 if absent. */
  long get(long a, long b, int len, long pid) {
    if (!v6) {
      a = (a << 8) | len;
      b = 0;
      len = 0;
    }
    int i = home(a, b, len);
    while (vals[i] != 0) {
      if (prefixAt(i, a, b, len) && pidAt(i, pid)) return vals[i];
      if (++i == capacity) i = 0;
    }
    return 0;
  }

  /** Removes one path; returns its value, or 0 if it was absent. */
  long remove(long a, long b, int len, long pid) {
    if (!v6) {
      a = (a << 8) | len;
      b = 0;
      len = 0;
    }
    int i = home(a, b, len);
    while (vals[i] != 0) {
      if (prefixAt(i, a, b, len) && pidAt(i, pid)) {
        long old = vals[i];
        deleteAt(i);
        size--;
        lastRemoveLastOfPrefix = pids == null || !containsKey(a, b, len);
        if (lastRemoveLastOfPrefix) prefixes--;
        maybeShrink();
        return old;
      }
      if (++i == capacity) i = 0;
    }
    lastRemoveLastOfPrefix = false;
    return 0;
  }

  /** Whether any path of the prefix is present (IPv4: a = address, b = 0). */
  boolean containsPrefix(long a, long b, int len) {
    return v6 ? containsKey(a, b, len) : containsKey((a << 8) | len, 0, 0);
  }

  private boolean containsKey(long a, long b, int len) {
    int i = home(a, b, len);
    while (vals[i] != 0) {
      if (prefixAt(i, a, b, len)) return true;
      if (++i == capacity) i = 0;
    }
    return false;
  }

  /**
   * Every path of a prefix: appends path ids and values to {@code out} (pairs), returns how many paths were
   * found.
   */
  int paths(long a, long b, int len, LongBuffer out) {
    if (!v6) {
      a = (a << 8) | len;
      b = 0;
      len = 0;
    }
    int n = 0;
    int i = home(a, b, len);
    while (vals[i] != 0) {
      if (prefixAt(i, a, b, len)) {
        out.add(pidAt(i));
        out.add(vals[i]);
        n++;
      }
      if (++i == capacity) i = 0;
    }
    return n;
  }

  /** Marks every path stale (RFC 4724 §4.2); returns how many. */
  int markStale() {
    int n = 0;
    for (int i = 0; i < capacity; i++) {
      if (vals[i] != 0) {
        vals[i] |= STALE;
        n++;
      }
    }
    return n;
  }

  int countStale() {
    int n = 0;
    for (int i = 0; i < capacity; i++) {
      if (vals[i] < 0) n++; // STALE is the sign bit
    }
    return n;
  }

  private void enablePathIds() {
    pids = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      if (vals[i] != 0) vals[i] |= NO_PID;
    }
  }

  private void deleteAt(int i) {
    int j = i;
    while (true) {
      if (++j == capacity) j = 0;
      if (vals[j] == 0) break;
      int h = homeOf(j);
      boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (stays) continue;
      k0[i] = k0[j];
      if (v6) {
        k1[i] = k1[j];
        lens[i] = lens[j];
      }
      if (pids != null) pids[i] = pids[j];
      vals[i] = vals[j];
      i = j;
    }
    vals[i] = 0;
    k0[i] = 0;
    if (v6) {
      k1[i] = 0;
      lens[i] = 0;
    }
  }

  private void maybeShrink() {
    if (capacity > 64 && size < capacity / 5) resize(Math.max(MIN_CAPACITY, size * 2));
  }

  private void resize(int newCap) {
    long[] ok0 = k0;
    long[] ok1 = k1;
    byte[] olens = lens;
    int[] opids = pids;
    long[] ovals = vals;
    int oldCap = capacity;
    allocate(newCap);
    for (int s = 0; s < oldCap; s++) {
      if (ovals[s] == 0) continue;
      long a = ok0[s];
      long b = v6 ? ok1[s] : 0;
      int len = v6 ? olens[s] & 0xFF : 0;
      int i = home(a, b, len);
      while (vals[i] != 0) {
        if (++i == capacity) i = 0;
      }
      k0[i] = a;
      if (v6) {
        k1[i] = b;
        lens[i] = (byte) len;
      }
      if (pids != null) pids[i] = opids[s];
      vals[i] = ovals[s];
    }
  }

  /** Empties the table and shrinks it to the minimum. */
  void clear() {
    size = 0;
    prefixes = 0;
    pids = null;
    allocate(MIN_CAPACITY);
  }

  /** A copy of the occupied slots, compacted (for snapshots and bulk removal). */
  Copy copy() {
    Copy c = new Copy(v6, size);
    int n = 0;
    for (int i = 0; i < capacity; i++) {
      long v = vals[i];
      if (v == 0) continue;
      c.k0[n] = k0[i];
      if (v6) {
        c.k1[n] = k1[i];
        c.lens[n] = lens[i];
      }
      c.pids[n] = pidAt(i);
      c.vals[n] = v;
      n++;
    }
    return c;
  }

  /** Heap bytes of the arrays (for measurements). */
  long arrayBytes() {
    long b = 16L * capacity + 32;
    if (v6) b += 9L * capacity + 32;
    if (pids != null) b += 4L * capacity + 16;
    return b;
  }

  /** Compacted copy of a table's paths; {@code lens} holds the length for IPv4 too. */
  static final class Copy {
    final boolean v6;
    final int size;
    final long[] k0;
    final long[] k1;
    final byte[] lens;
    final long[] pids;
    final long[] vals;

    Copy(boolean v6, int size) {
      this.v6 = v6;
      this.size = size;
      k0 = new long[size];
      k1 = v6 ? new long[size] : null;
      lens = v6 ? new byte[size] : null;
      pids = new long[size];
      vals = new long[size];
    }

    long hi(int i) {
      return v6 ? k0[i] : k0[i] >>> 8;
    }

    long lo(int i) {
      return v6 ? k1[i] : 0;
    }

    int length(int i) {
      return v6 ? lens[i] & 0xFF : (int) (k0[i] & 0xFF);
    }

    /** Sorts by (prefix, path id) so that consumers can merge tables in prefix order. */
    void sort() {
      it.unimi.dsi.fastutil.Arrays.quickSort(0, size, this::compare, this::swap);
    }

    private int compare(int x, int y) {
      int c = Long.compareUnsigned(k0[x], k0[y]);
      if (c != 0) return c;
      if (v6) {
        c = Long.compareUnsigned(k1[x], k1[y]);
        if (c != 0) return c;
        c = Integer.compare(lens[x] & 0xFF, lens[y] & 0xFF);
        if (c != 0) return c;
      }
      return Long.compare(pids[x], pids[y]);
    }

    private void swap(int x, int y) {
      swap(k0, x, y);
      if (v6) {
        swap(k1, x, y);
        byte t = lens[x];
        lens[x] = lens[y];
        lens[y] = t;
      }
      swap(pids, x, y);
      swap(vals, x, y);
    }

    private static void swap(long[] a, int x, int y) {
      long t = a[x];
      a[x] = a[y];
      a[y] = t;
    }
  }

  @Override
  public String toString() {
    return "PrefixTable[" + (v6 ? "v6" : "v4") + ", " + size + " paths, " + prefixes + " prefixes, capacity "
        + capacity + "]";
  }

  /** A growable long array (reader scratch). */
  static final class LongBuffer {
    long[] a = new long[16];
    int n;

    void add(long v) {
      if (n == a.length) a = Arrays.copyOf(a, n * 2);
      a[n++] = v;
    }

    void clear() {
      n = 0;
    }
  }
}
