package io.routemill.wire.mrt;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for building ASCII text lines without intermediate Strings: printing millions of
 * routes is dominated by formatting, so numbers and addresses are written digit by digit.
 *
 * <p>IPv6 text follows bgpdump's own {@code fmt_ipv6}, not RFC 5952: the longest run of zero groups is
 * compressed even when it is a single group ({@code 2001:db8::1:1:1:1:0}), IPv4-mapped addresses print as
 * {@code ::ffff:a.b.c.d} and IPv4-compatible ones (first 96 bits zero, last 32 bits above 1) as
 * {@code ::a.b.c.d}. Both forms are valid RFC 4291 text; this one is what bgpdump users' scripts see.
 */
final class AsciiBuffer {
  private byte[] buf = new byte[256];
  private int len;

  int length() {
    return len;
  }

  void setLength(int length) {
    len = length;
  }

  AsciiBuffer ch(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  AsciiBuffer str(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
    return this;
  }

  /** Appends a non-negative decimal number. */
  AsciiBuffer num(long v) {
    if (v < 0) {
      ch('-');
      v = -v;
    }
    ensure(20);
    if (v < 10) {
      buf[len++] = (byte) ('0' + v);
      return this;
    }
    int start = len;
    while (v > 0) {
      buf[len++] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return this;
  }

  /** Appends {@code v} zero-padded to {@code width} digits. */
  AsciiBuffer num(long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) ch('0');
    return str(s);
  }

  AsciiBuffer ip(byte[] address) {
    return ip(address, 0, address.length);
  }

  AsciiBuffer ip(byte[] address, int off, int length) {
    if (length == 4) {
      num(address[off] & 0xFF).ch('.').num(address[off + 1] & 0xFF).ch('.').num(address[off + 2] & 0xFF).ch('.')
          .num(address[off + 3] & 0xFF);
      return this;
    }
    if (length != 16) throw new IllegalArgumentException("address of " + length + " bytes");
    return ipv6(address, off);
  }

  private AsciiBuffer ipv6(byte[] b, int off) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) groups[i] = ((b[off + 2 * i] & 0xFF) << 8) | (b[off + 2 * i + 1] & 0xFF);
    boolean first80Zero = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0;
    if (first80Zero && groups[5] == 0xFFFF) {
      return str("::ffff:").ip(b, off + 12, 4);
    }
    long low32 = ((long) groups[6] << 16) | groups[7];
    if (first80Zero && groups[5] == 0 && low32 > 1) {
      return str("::").ip(b, off + 12, 4);
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        str("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) ch(':');
      hex(groups[i]);
    }
    return this;
  }

  private void hex(int v) {
    boolean started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int digit = (v >>> shift) & 0xF;
      if (digit != 0 || started || shift == 0) {
        ch((char) (digit < 10 ? '0' + digit : 'a' + digit - 10));
        started = true;
      }
    }
  }

  AsciiBuffer bytes(AsciiBuffer other, int from, int to) {
    ensure(to - from);
    System.arraycopy(other.buf, from, buf, len, to - from);
    len += to - from;
    return this;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
