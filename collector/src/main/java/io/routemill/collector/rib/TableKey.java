package io.routemill.collector.rib;

import io.routemill.wire.bgp.IpAddresses;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies one table of the RIB: a monitored peer's view as seen through one router (BMP) or a direct session
 * (BGP). {@code peerAddress} is canonicalised when it is an IP literal (RFC 5952 text, as
 * {@link IpAddresses#format} prints it), so {@code "2001:DB8::1"} and {@code "2001:db8:0::1"} are the same key and
 * match the API's {@code peer} filter. Keys order by router, source, peer address, distinguisher, view: the
 * order of routes of one prefix in query results.
 *
 * @param router the router's address (BMP) or the collector's own name for direct sessions
 * @param source how the routes were learned
 * @param peerDistinguisher the BMP per-peer header's Peer Distinguisher (0 for global instance peers)
 */
public record TableKey(String router, Source source, String peerAddress, long peerDistinguisher, RibView rib)
    implements Comparable<TableKey> {

  private static final Comparator<TableKey> ORDER = Comparator.comparing(TableKey::router)
      .thenComparing(TableKey::source)
      .thenComparing(TableKey::peerAddress)
      .thenComparingLong(TableKey::peerDistinguisher)
      .thenComparing(TableKey::rib);

  public TableKey {
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rib, "rib");
    peerAddress = canonicalAddress(Objects.requireNonNull(peerAddress, "peerAddress"));
  }

  /** RFC 5952 text of an IPv4/IPv6 literal; anything else is returned unchanged. Never resolves names. */
  public static String canonicalAddress(String text) {
    byte[] a = parseLiteral(text);
    return a == null ? text : IpAddresses.format(a);
  }

  static byte[] parseLiteral(String s) {
    if (s.isEmpty()) return null;
    if (s.indexOf(':') < 0) return parseIpv4(s, 0, s.length());
    return parseIpv6(s);
  }

  private static byte[] parseIpv4(String s, int from, int to) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = from; i <= to; i++) {
      char c = i < to ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) return null;
      } else if (c == '.') {
        if (value < 0 || part == 4) return null;
        out[part++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte[] parseIpv6(String s) {
    int[] groups = new int[8];
    int n = 0;
    int gap = -1;
    int i = 0;
    int len = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (len == 2) return new byte[16];
    } else if (s.startsWith(":")) {
      return null;
    }
    while (i < len) {
      int j = i;
      while (j < len && s.charAt(j) != ':') j++;
      String g = s.substring(i, j);
      if (g.indexOf('.') >= 0) {
        if (j != len || n > 6) return null;
        byte[] v4 = parseIpv4(g, 0, g.length());
        if (v4 == null) return null;
        groups[n++] = (v4[0] & 0xFF) << 8 | (v4[1] & 0xFF);
        groups[n++] = (v4[2] & 0xFF) << 8 | (v4[3] & 0xFF);
        i = len;
        break;
      }
      if (g.isEmpty() || g.length() > 4 || n == 8) return null;
      int v = 0;
      for (int k = 0; k < g.length(); k++) {
        int d = Character.digit(g.charAt(k), 16);
        if (d < 0) return null;
        v = v * 16 + d;
      }
      groups[n++] = v;
      if (j == len) {
        i = len;
        break;
      }
      if (j + 1 < len && s.charAt(j + 1) == ':') {
        if (gap >= 0) return null;
        gap = n;
        i = j + 2;
      } else {
        if (j + 1 == len) return null;
        i = j + 1;
      }
    }
    if (gap < 0 && n != 8) return null;
    if (gap >= 0 && n > 7) return null;
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = n - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    byte[] out = new byte[16];
    for (int k = 0; k < 8; k++) {
      out[2 * k] = (byte) (full[k] >>> 8);
      out[2 * k + 1] = (byte) full[k];
    }
    return out;
  }

  @Override
  public int compareTo(TableKey o) {
    return ORDER.compare(this, o);
  }
}
