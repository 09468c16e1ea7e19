package io.routemill.collector.rib;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;

/**
 * The RIB's primitive prefix form: an address as two longs (IPv4: {@code high} = the address as an unsigned 32-bit
 * value, {@code low} = 0; IPv6: the high and low 64 bits) plus a length. Conversions to and from {@link Prefix}.
 */
public final class PrefixKeys {
  private PrefixKeys() {}

  public static long high(Prefix p) {
    byte[] a = p.address();
    if (p.isIpv4()) {
      return ((a[0] & 0xFFL) << 24) | ((a[1] & 0xFFL) << 16) | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL);
    }
    return readLong(a, 0);
  }

  public static long low(Prefix p) {
    return p.isIpv4() ? 0 : readLong(p.address(), 8);
  }

  private static long readLong(byte[] a, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (a[off + i] & 0xFFL);
    return v;
  }

  /** Builds a {@link Prefix} from the primitive form. */
  public static Prefix prefix(int afi, long high, long low, int length) {
    if (afi == AfiSafi.AFI_IPV4) {
      return new Prefix(afi, new byte[] {(byte) (high >>> 24), (byte) (high >>> 16), (byte) (high >>> 8),
          (byte) high}, length);
    }
    byte[] a = new byte[16];
    for (int i = 0; i < 8; i++) {
      a[i] = (byte) (high >>> (56 - 8 * i));
      a[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return new Prefix(afi, a, length);
  }

  /** The address bits of (high, low) masked to {@code length}: element 0 high, 1 low. */
  static void mask(boolean v6, long high, long low, int length, long[] out) {
    if (!v6) {
      out[0] = length == 0 ? 0 : high & (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
      out[1] = 0;
    } else if (length <= 64) {
      out[0] = length == 0 ? 0 : high & (-1L << (64 - length));
      out[1] = 0;
    } else {
      out[0] = high;
      out[1] = length == 128 ? low : low & (-1L << (128 - length));
    }
  }

  /** The last address of the prefix: element 0 high, 1 low. */
  static void last(boolean v6, long high, long low, int length, long[] out) {
    if (!v6) {
      out[0] = high | (length == 32 ? 0 : (0xFFFFFFFFL >>> length));
      out[1] = 0;
    } else if (length < 64) {
      out[0] = high | (-1L >>> length);
      out[1] = -1L;
    } else {
      out[0] = high;
      out[1] = length == 128 ? low : low | (-1L >>> (length - 64));
    }
  }

  /** Unsigned order of (high, low, length) triples. */
  static int compare(long a1, long b1, int l1, long a2, long b2, int l2) {
    int c = Long.compareUnsigned(a1, a2);
    if (c == 0) c = Long.compareUnsigned(b1, b2);
    if (c == 0) c = Integer.compare(l1, l2);
    return c;
  }
}
