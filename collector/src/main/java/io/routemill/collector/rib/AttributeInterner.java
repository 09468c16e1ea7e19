package io.routemill.collector.rib;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Canonical attribute bytes ({@link CanonicalAttributes}) → int id, reference counted, shared by every table and
 * every writer thread. Lock striping: the bytes' hash picks one of {@value #STRIPES} stripes, each a small open
 * addressing table of its own guarded by its monitor; an id is {@code local index << 6 | stripe}, so lookups by id
 * go straight to the stripe. A set costs its byte array plus about 20 bytes of bookkeeping.
 *
 * <p>An entry whose count falls to zero leaves the map at once (a later identical set gets a new id), and its id
 * is recycled, except while a snapshot ({@link #beginSnapshot()}) is running: then the id and its bytes are
 * parked until no snapshot is running, so a snapshot that copied a table's attribute ids can still read their
 * bytes after the table dropped them. Queries need no such care: they read bytes while holding the table's read
 * lock, and the table's reference keeps the id alive.
 */
public final class AttributeInterner {
  static final int STRIPE_BITS = 6;
  static final int STRIPES = 1 << STRIPE_BITS;
  /** Ids fit in 28 bits (the table's value layout): at most 2^22 live sets per stripe, 268 M in all. */
  static final int MAX_LOCAL = 1 << (PrefixTable.ATTR_BITS - STRIPE_BITS);

  private final Stripe[] stripes = new Stripe[STRIPES];
  private final AtomicInteger snapshots = new AtomicInteger();

  public AttributeInterner() {
    for (int i = 0; i < STRIPES; i++) stripes[i] = new Stripe(i);
  }

  static int hash(byte[] b) {
    int h = 0x9747b28c;
    int i = 0;
    for (; i + 4 <= b.length; i += 4) {
      int k = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15) * 0x1b873593;
      h ^= k;
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    for (; i < b.length; i++) h = (h ^ (b[i] & 0xFF)) * 0x01000193;
    h ^= b.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * Interns {@code bytes} (which must not be modified afterwards; the interner may keep the array) and adds
   * {@code count} references; returns the id (never 0).
   */
  public int acquire(byte[] bytes, int count) {
    if (count <= 0) throw new IllegalArgumentException("count " + count);
    int h = hash(bytes);
    return stripes[h & (STRIPES - 1)].acquire(bytes, h, count);
  }

  /** Adds references to an id that is alive (the caller holds one). */
  public void retain(int id, int count) {
    stripes[id & (STRIPES - 1)].retain(id >>> STRIPE_BITS, count);
  }

  /** Drops {@code count} references; at zero the set is forgotten. */
  public void release(int id, int count) {
    stripes[id & (STRIPES - 1)].release(id >>> STRIPE_BITS, count);
  }

  /** The bytes of a live (or snapshot-parked) id, or null. Do not modify the array. */
  public byte[] bytes(int id) {
    return stripes[id & (STRIPES - 1)].bytes(id >>> STRIPE_BITS);
  }

  /** The number of references to an id (0 if unknown). */
  public int refCount(int id) {
    return stripes[id & (STRIPES - 1)].refCount(id >>> STRIPE_BITS);
  }

  /** The id of an interned set, or 0 (does not add a reference). */
  public int find(byte[] bytes) {
    int h = hash(bytes);
    return stripes[h & (STRIPES - 1)].find(bytes, h);
  }

  /** Number of distinct live sets. */
  public long size() {
    long n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.live;
      }
    }
    return n;
  }

  /** Approximate heap bytes held: the sets' arrays and the bookkeeping. */
  public long heapBytes() {
    long n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.heapBytes();
      }
    }
    return n;
  }

  /** Starts a snapshot: ids released from now on keep their bytes until {@link #endSnapshot()}. */
  public void beginSnapshot() {
    snapshots.incrementAndGet();
  }

  public void endSnapshot() {
    if (snapshots.decrementAndGet() == 0) {
      for (Stripe s : stripes) {
        synchronized (s) {
          s.flushParked();
        }
      }
    }
  }

  private final class Stripe {
    private final int index;
    private int[] table = new int[16]; // local index, 0 = empty
    private byte[][] data = new byte[16][];
    private int[] hashes = new int[16];
    private int[] counts = new int[16];
    private int next = 1;
    private int[] free = new int[16];
    private int freeTop;
    private int[] parked = new int[4];
    private int parkedTop;
    private int live;

    Stripe(int index) {
      this.index = index;
    }

    private int slot(int h) {
      return (h >>> STRIPE_BITS) * 0x9E3779B9 >>> 7 & (table.length - 1);
    }

    synchronized int acquire(byte[] bytes, int h, int count) {
      int mask = table.length - 1;
      int i = slot(h);
      int local;
      while ((local = table[i]) != 0) {
        if (hashes[local] == h && Arrays.equals(data[local], bytes)) {
          counts[local] += count;
          return local << STRIPE_BITS | index;
        }
        i = (i + 1) & mask;
      }
      local = allocate();
      data[local] = bytes;
      hashes[local] = h;
      counts[local] = count;
      table[i] = local;
      live++;
      if (live * 2 > table.length) rehash(table.length * 2);
      return local << STRIPE_BITS | index;
    }

    synchronized int find(byte[] bytes, int h) {
      int mask = table.length - 1;
      for (int i = slot(h), local; (local = table[i]) != 0; i = (i + 1) & mask) {
        if (hashes[local] == h && Arrays.equals(data[local], bytes)) return local << STRIPE_BITS | index;
      }
      return 0;
    }

    synchronized void retain(int local, int count) {
      if (local <= 0 || local >= next || counts[local] <= 0) throw new IllegalStateException("retain of dead id");
      counts[local] += count;
    }

    synchronized void release(int local, int count) {
      if (local <= 0 || local >= next || counts[local] < count) {
        throw new IllegalStateException("release of id " + (local << STRIPE_BITS | index) + " by " + count
            + (local > 0 && local < next ? " with " + counts[local] + " references" : ""));
      }
      counts[local] -= count;
      if (counts[local] > 0) return;
      unmap(local);
      live--;
      if (snapshots.get() > 0) {
        if (parkedTop == parked.length) parked = Arrays.copyOf(parked, parkedTop * 2);
        parked[parkedTop++] = local;
      } else {
        freeLocal(local);
        flushParked();
      }
    }

    void flushParked() {
      if (snapshots.get() > 0) return;
      while (parkedTop > 0) freeLocal(parked[--parkedTop]);
    }

    private void freeLocal(int local) {
      data[local] = null;
      if (freeTop == free.length) free = Arrays.copyOf(free, freeTop * 2);
      free[freeTop++] = local;
    }

    synchronized byte[] bytes(int local) {
      return local > 0 && local < next ? data[local] : null;
    }

    synchronized int refCount(int local) {
      return local > 0 && local < next ? counts[local] : 0;
    }

    private int allocate() {
      if (freeTop > 0) return free[--freeTop];
      if (next == MAX_LOCAL) throw new IllegalStateException("attribute interner full");
      if (next == data.length) {
        int cap = Math.min(MAX_LOCAL, data.length * 2);
        data = Arrays.copyOf(data, cap);
        hashes = Arrays.copyOf(hashes, cap);
        counts = Arrays.copyOf(counts, cap);
      }
      return next++;
    }

    private void unmap(int local) {
      int mask = table.length - 1;
      int i = slot(hashes[local]);
      while (table[i] != local) i = (i + 1) & mask;
      // backward-shift deletion
      int j = i;
      while (true) {
        j = (j + 1) & mask;
        int l = table[j];
        if (l == 0) break;
        int h = slot(hashes[l]);
        boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
        if (stays) continue;
        table[i] = l;
        i = j;
      }
      table[i] = 0;
    }

    private void rehash(int cap) {
      int[] t = new int[cap];
      int mask = cap - 1;
      for (int l : table) {
        if (l == 0) continue;
        int i = (hashes[l] >>> STRIPE_BITS) * 0x9E3779B9 >>> 7 & mask;
        while (t[i] != 0) i = (i + 1) & mask;
        t[i] = l;
      }
      table = t;
    }

    long heapBytes() {
      long n = 4L * table.length + 8L * data.length + 4L * hashes.length + 4L * counts.length + 4L * free.length;
      for (int l = 1; l < next; l++) {
        if (data[l] != null) n += 16 + ((data[l].length + 7) & ~7);
      }
      return n;
    }
  }
}
