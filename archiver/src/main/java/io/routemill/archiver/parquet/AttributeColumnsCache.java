package io.routemill.archiver.parquet;

import io.routemill.wire.bgp.Update;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The {@link AttributeColumns} of recently seen UPDATEs, keyed by their path attribute bytes as received
 * (RFC 4271 §4.3), so the columns of an attribute set are built once however many UPDATEs carry it — routers
 * send one prefix per UPDATE whenever attributes differ, and the same set comes back for other prefixes. The
 * NLRI inside MP_REACH_NLRI (RFC 4760 §3) is left out of the key; its next hop stays in. Holds at most
 * {@value #CAPACITY} sets, then starts afresh: bounded memory, no per-entry bookkeeping. Not thread-safe.
 */
public final class AttributeColumnsCache {
  static final int CAPACITY = 1 << 16;
  private static final int MP_REACH = 14;

  private final HashMap<Key, AttributeColumns> columns = new HashMap<>();

  private record Key(byte[] bytes, int hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The columns of the update's attribute set (an UPDATE whose attributes did not decode cleanly is not cached). */
  public AttributeColumns of(Update update) {
    if (!update.warnings().isEmpty()) return AttributeColumns.of(update.attributes());
    byte[] key = key(update.raw());
    if (key == null) return AttributeColumns.of(update.attributes());
    Key k = new Key(key, Arrays.hashCode(key));
    AttributeColumns c = columns.get(k);
    if (c == null) {
      if (columns.size() >= CAPACITY) columns.clear();
      c = AttributeColumns.of(update.attributes());
      columns.put(k, c);
    }
    return c;
  }

  /** The attribute section with MP_REACH_NLRI's NLRI cut out, or null if the section's lengths disagree. */
  static byte[] key(byte[] message) {
    if (message.length < 23) return null;
    int withdrawn = u16(message, 19);
    int at = 21 + withdrawn;
    if (at + 2 > message.length) return null;
    int length = u16(message, at);
    int start = at + 2;
    int end = start + length;
    if (end > message.length) return null;
    byte[] out = new byte[length];
    int n = 0;
    int p = start;
    while (p < end) {
      if (p + 3 > end) return null;
      int flags = message[p] & 0xFF;
      int type = message[p + 1] & 0xFF;
      boolean extended = (flags & 0x10) != 0;
      int header = extended ? 4 : 3;
      if (p + header > end) return null;
      int valueLength = extended ? u16(message, p + 2) : message[p + 2] & 0xFF;
      if (p + header + valueLength > end) return null;
      int keep = valueLength;
      if (type == MP_REACH && valueLength >= 4) {
        int nextHop = message[p + header + 3] & 0xFF;
        keep = Math.min(valueLength, 4 + nextHop + 1); // AFI, SAFI, next hop length, next hop, reserved
      }
      System.arraycopy(message, p, out, n, header + keep);
      n += header + keep;
      p += header + valueLength;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }
}
