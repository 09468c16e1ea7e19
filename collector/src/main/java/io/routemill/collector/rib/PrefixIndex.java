package io.routemill.collector.rib;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * The union of all tables' prefixes of one address family, each with the number of tables that hold at least one
 * path for it. Two structures: a hash table ({@link PrefixTable}, value = count) for the counts, so that the
 * common update (another peer gains a prefix someone already has) is one O(1) probe, and a sorted set touched
 * only when a count goes 0 → 1 or 1 → 0. The sorted set orders prefixes by (address, length), so the
 * more-specifics of P (and P itself) are one contiguous run starting at P, and pages come out in prefix order;
 * exact, longest and less-specific lookups probe the hash at most 33/129 lengths, skipping empty lengths.
 *
 * <p>The sorted set is a two-level sorted array (a B+tree of height 2): chunks of at most {@value #CHUNK} keys in
 * primitive arrays, found by binary search over their first keys. An IPv4 key is one long
 * ({@code address << 8 | length}, positive so signed order is prefix order); an IPv6 key is three (high, low,
 * length). Together about 30–40 bytes per IPv4 and 50–70 per IPv6 prefix of the union, shared by all peers.
 *
 * <p>Writers (table threads) apply their changes in batches under the write lock; readers take the read lock for
 * short scans.
 */
final class PrefixIndex {
  static final int CHUNK = 256;

  final boolean v6;
  final int stride;
  final int maxLength;
  final StampedLock lock = new StampedLock();
  private final PrefixTable counts;
  private long[][] keys = new long[4][];
  private int[] sizes = new int[4];
  private int chunks;
  private final long[] perLength;
  private long distinct;

  PrefixIndex(boolean v6) {
    this.v6 = v6;
    this.stride = v6 ? 3 : 1;
    this.maxLength = v6 ? 128 : 32;
    this.perLength = new long[maxLength + 1];
    this.counts = new PrefixTable(v6);
  }

  // ---- keys: IPv4 (a = address, b = 0) ; IPv6 (a = high, b = low) ----

  private int compareAt(int c, int p, long a, long b, int len) {
    long[] k = keys[c];
    if (!v6) return Long.compare(k[p], (a << 8) | len);
    int o = p * 3;
    int x = Long.compareUnsigned(k[o], a);
    if (x != 0) return x;
    x = Long.compareUnsigned(k[o + 1], b);
    if (x != 0) return x;
    return Long.compare(k[o + 2], len);
  }

  /** The chunk that would hold the key: the last whose first key is ≤ it, or 0. */
  private int chunkFor(long a, long b, int len) {
    int lo = 0;
    int hi = chunks - 1;
    int ans = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (compareAt(mid, 0, a, b, len) <= 0) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans;
  }

  /** Position of the key in chunk c, or -(insertion point) - 1. */
  private int search(int c, long a, long b, int len) {
    int lo = 0;
    int hi = sizes[c] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int x = compareAt(c, mid, a, b, len);
      if (x < 0) lo = mid + 1;
      else if (x > 0) hi = mid - 1;
      else return mid;
    }
    return -(lo + 1);
  }

  /** Adds a reference to a prefix (caller holds the write lock). */
  void add(long a, long b, int len) {
    long n = counts.get(a, b, len, -1);
    counts.put(a, b, len, -1, n + 1);
    if (n == 0) insertSorted(a, b, len);
  }

  private void insertSorted(long a, long b, int len) {
    if (chunks == 0) {
      keys[0] = new long[CHUNK * stride];
      sizes[0] = 0;
      chunks = 1;
    }
    int c = chunkFor(a, b, len);
    int p = search(c, a, b, len);
    if (p >= 0) return;
    p = -p - 1;
    if (sizes[c] == CHUNK) {
      // Split; an append at the end of a chunk (sorted input such as a table dump) leaves the old chunk full.
      int at = p == CHUNK ? CHUNK : CHUNK / 2;
      split(c, at);
      if (p >= at) {
        c++;
        p -= at;
      }
    }
    int n = sizes[c];
    long[] k = keys[c];
    System.arraycopy(k, p * stride, k, (p + 1) * stride, (n - p) * stride);
    if (v6) {
      k[p * 3] = a;
      k[p * 3 + 1] = b;
      k[p * 3 + 2] = len;
    } else {
      k[p] = (a << 8) | len;
    }
    sizes[c] = n + 1;
    perLength[len]++;
    distinct++;
  }

  private void split(int c, int at) {
    if (chunks == keys.length) {
      int cap = chunks * 2;
      keys = Arrays.copyOf(keys, cap);
      sizes = Arrays.copyOf(sizes, cap);
    }
    System.arraycopy(keys, c + 1, keys, c + 2, chunks - c - 1);
    System.arraycopy(sizes, c + 1, sizes, c + 2, chunks - c - 1);
    chunks++;
    long[] nk = new long[CHUNK * stride];
    int moved = sizes[c] - at;
    System.arraycopy(keys[c], at * stride, nk, 0, moved * stride);
    keys[c + 1] = nk;
    sizes[c + 1] = moved;
    sizes[c] = at;
  }

  /** Drops a reference (caller holds the write lock); a prefix not present is ignored. */
  void remove(long a, long b, int len) {
    long n = counts.get(a, b, len, -1);
    if (n == 0) return;
    if (n > 1) {
      counts.put(a, b, len, -1, n - 1);
      return;
    }
    counts.remove(a, b, len, -1);
    if (chunks == 0) return;
    int c = chunkFor(a, b, len);
    int p = search(c, a, b, len);
    if (p < 0) return;
    int size = sizes[c];
    long[] k = keys[c];
    System.arraycopy(k, (p + 1) * stride, k, p * stride, (size - p - 1) * stride);
    sizes[c] = size - 1;
    perLength[len]--;
    distinct--;
    if (sizes[c] == 0) {
      removeChunk(c);
    } else if (c + 1 < chunks && sizes[c] + sizes[c + 1] <= CHUNK / 2) {
      merge(c);
    } else if (c > 0 && sizes[c] + sizes[c - 1] <= CHUNK / 2) {
      merge(c - 1);
    }
  }

  private void merge(int c) {
    System.arraycopy(keys[c + 1], 0, keys[c], sizes[c] * stride, sizes[c + 1] * stride);
    sizes[c] += sizes[c + 1];
    removeChunk(c + 1);
  }

  private void removeChunk(int c) {
    System.arraycopy(keys, c + 1, keys, c, chunks - c - 1);
    System.arraycopy(sizes, c + 1, sizes, c, chunks - c - 1);
    chunks--;
    keys[chunks] = null;
  }

  /** The number of tables holding the prefix (caller holds a lock). */
  int refCount(long a, long b, int len) {
    return perLength[len] == 0 ? 0 : (int) counts.get(a, b, len, -1);
  }

  boolean hasLength(int len) {
    return perLength[len] > 0;
  }

  long distinct() {
    return distinct;
  }

  /**
   * Appends to {@code out} (as triples a, b, len) up to {@code max} prefixes ≥ (a, b, len) in order, stopping at
   * the first one greater than (endA, endB, 255); returns how many. Caller holds a lock.
   */
  int scan(long a, long b, int len, long endA, long endB, int max, PrefixTable.LongBuffer out) {
    if (chunks == 0) return 0;
    int c = chunkFor(a, b, len);
    int p = search(c, a, b, len);
    if (p < 0) p = -p - 1;
    int n = 0;
    while (n < max && c < chunks) {
      if (p >= sizes[c]) {
        c++;
        p = 0;
        continue;
      }
      long[] k = keys[c];
      long ka;
      long kb;
      int kl;
      if (v6) {
        ka = k[p * 3];
        kb = k[p * 3 + 1];
        kl = (int) k[p * 3 + 2];
      } else {
        ka = k[p] >>> 8;
        kb = 0;
        kl = (int) (k[p] & 0xFF);
      }
      int x = Long.compareUnsigned(ka, endA);
      if (x == 0) x = Long.compareUnsigned(kb, endB);
      if (x > 0) break;
      out.add(ka);
      out.add(kb);
      out.add(kl);
      n++;
      p++;
    }
    return n;
  }

  /** Approximate heap bytes held (for measurements). */
  long heapBytes() {
    long b = 16L * keys.length + 4L * sizes.length;
    b += (long) chunks * (CHUNK * stride * 8L + 16);
    return b + counts.arrayBytes();
  }
}
