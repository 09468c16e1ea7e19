package io.routemill.wire.bgp;

/**
 * Text forms of IP addresses without {@link java.net.InetAddress} (no lookups, no allocation beyond the
 * string). IPv6 follows RFC 5952: lower case, longest run of two or more zero groups shortened to "::",
 * and embedded IPv4 addresses in dotted form exactly where glibc's {@code inet_ntop} puts them
 * ({@code ::ffff:a.b.c.d}, {@code ::a.b.c.d}), because bgpdump, tshark and most tools print that form.
 */
public final class IpAddresses {
  private IpAddresses() {}

  public static String format(byte[] address) {
    return format(address, 0, address.length);
  }

  public static String format(byte[] bytes, int offset, int length) {
    StringBuilder sb = new StringBuilder(length == 4 ? 15 : 39);
    append(sb, bytes, offset, length);
    return sb.toString();
  }

  public static void append(StringBuilder sb, byte[] b, int off, int len) {
    if (len == 4) {
      appendIpv4(sb, b, off);
    } else if (len == 16) {
      appendIpv6(sb, b, off);
    } else {
      throw new IllegalArgumentException("address of " + len + " bytes");
    }
  }

  private static void appendIpv4(StringBuilder sb, byte[] b, int off) {
    sb.append(b[off] & 0xFF).append('.').append(b[off + 1] & 0xFF).append('.')
        .append(b[off + 2] & 0xFF).append('.').append(b[off + 3] & 0xFF);
  }

  private static void appendIpv6(StringBuilder sb, byte[] b, int off) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) groups[i] = ((b[off + 2 * i] & 0xFF) << 8) | (b[off + 2 * i + 1] & 0xFF);
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    boolean embeddedIpv4 = bestStart == 0
        && (bestLen == 6 || (bestLen == 7 && groups[7] != 1) || (bestLen == 5 && groups[5] == 0xFFFF));
    if (embeddedIpv4) {
      sb.append(bestLen == 5 ? "::ffff:" : "::");
      appendIpv4(sb, b, off + 12);
      return;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLen) sb.append(':');
      sb.append(Integer.toHexString(groups[i]));
    }
  }
}
