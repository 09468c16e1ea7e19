package io.routemill.publisher.api;

import io.routemill.publisher.http.ApiError;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Prefix;
import io.vertx.core.MultiMap;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns query strings into validated queries; every problem is an {@link ApiError} 400 naming the parameter. */
public final class QueryParams {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;

  static final Set<String> ROUTE_PARAMETERS = Set.of("prefix", "match", "peer", "rib", "limit", "cursor");

  private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private QueryParams() {}

  /** Rejects parameters outside {@code known} and parameters given more than once. */
  static void check(MultiMap params, Set<String> known) {
    for (String name : params.names()) {
      if (!known.contains(name)) {
        throw ApiError.badParameter(name, "unknown parameter '" + name + "'"
            + (known.isEmpty() ? "; this endpoint takes none" : "; known: " + String.join(", ", new TreeSet<>(known))));
      }
      if (params.getAll(name).size() > 1) throw ApiError.badParameter(name, name + " is given more than once");
    }
  }

  /** {@code GET /api/v1/routes}'s parameters as a query. */
  public static RouteQuery routeQuery(MultiMap params) {
    check(params, ROUTE_PARAMETERS);
    String prefixText = params.get("prefix");
    if (prefixText == null || prefixText.isEmpty()) {
      throw ApiError.badParameter("prefix", "prefix is required, e.g. prefix=192.0.2.0/24 or prefix=2001:db8::1");
    }
    boolean bare = prefixText.indexOf('/') < 0;
    Prefix prefix = parsePrefix(prefixText);

    Match match;
    String matchText = params.get("match");
    if (matchText == null) {
      match = bare ? Match.LONGEST : Match.EXACT;
    } else {
      match = switch (matchText) {
        case "exact" -> Match.EXACT;
        case "longest" -> Match.LONGEST;
        case "more" -> Match.MORE;
        case "less" -> Match.LESS;
        default -> throw ApiError.badParameter("match",
            "match must be one of exact, longest, more, less; got '" + matchText + "'");
      };
    }
    if (bare && match != Match.LONGEST) {
      throw ApiError.badParameter("prefix", "prefix '" + prefixText + "' is an address without a length, which is only"
          + " accepted with match=longest; give a prefix such as " + prefixText + "/" + prefix.length());
    }

    String peer = null;
    String peerText = params.get("peer");
    if (peerText != null) {
      byte[] address = parseAddress(peerText);
      if (address == null) throw ApiError.badParameter("peer", "peer must be an IPv4 or IPv6 address; got '" + peerText + "'");
      peer = IpAddresses.format(address);
    }

    RibView rib = null;
    String ribText = params.get("rib");
    if (ribText != null) {
      rib = RibView.fromLabel(ribText);
      if (rib == null) {
        List<String> labels = new ArrayList<>();
        for (RibView v : RibView.values()) labels.add(v.label());
        throw ApiError.badParameter("rib", "rib must be one of " + String.join(", ", labels) + "; got '" + ribText + "'");
      }
    }

    int limit = DEFAULT_LIMIT;
    String limitText = params.get("limit");
    if (limitText != null) {
      String why = "limit must be an integer from 1 to " + MAX_LIMIT + "; got '" + limitText + "'";
      if (!limitText.matches("[0-9]{1,9}")) throw ApiError.badParameter("limit", why);
      limit = Integer.parseInt(limitText);
      if (limit < 1 || limit > MAX_LIMIT) throw ApiError.badParameter("limit", why);
    }

    String cursor = params.get("cursor");
    if (cursor != null && cursor.isEmpty()) {
      throw ApiError.badParameter("cursor", "cursor must be the 'next' value of the previous page; got an empty value");
    }
    return new RouteQuery(prefix, match, peer, rib, limit, cursor);
  }

  /** {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a bare address (a host prefix: /32 or /128). */
  static Prefix parsePrefix(String text) {
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    byte[] address = parseAddress(addressText);
    if (address == null) {
      throw ApiError.badParameter("prefix", "prefix must be an IPv4 or IPv6 prefix such as 192.0.2.0/24 or"
          + " 2001:db8::/32, or an address; got '" + text + "'");
    }
    int max = address.length * 8;
    int length = max;
    if (slash >= 0) {
      String lengthText = text.substring(slash + 1);
      if (!lengthText.matches("[0-9]{1,3}") || Integer.parseInt(lengthText) > max) {
        throw ApiError.badParameter("prefix", "prefix length must be an integer from 0 to " + max + "; got '" + text + "'");
      }
      length = Integer.parseInt(lengthText);
    }
    int afi = address.length == 4 ? AfiSafi.AFI_IPV4 : AfiSafi.AFI_IPV6;
    byte[] masked = Arrays.copyOf(address, address.length);
    if (Prefix.maskHostBits(masked, length)) {
      throw ApiError.badParameter("prefix", "prefix '" + text + "' has bits set beyond its length; did you mean "
          + IpAddresses.format(masked) + "/" + length + "?");
    }
    return new Prefix(afi, masked, length);
  }

  /** The 4 or 16 bytes of an IPv4 or IPv6 literal, or null if {@code text} is not one (never a DNS lookup). */
  static byte[] parseAddress(String text) {
    Matcher m = IPV4.matcher(text);
    if (m.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(m.group(i + 1));
        if (octet > 255) return null;
        b[i] = (byte) octet;
      }
      return b;
    }
    if (text.indexOf(':') < 0 || !IPV6.matcher(text).matches()) return null;
    try {
      InetAddress a = InetAddress.getByName(text); // an IPv6 literal: parsed, never looked up
      byte[] b = a.getAddress();
      if (a instanceof Inet4Address) { // Java turns ::ffff:a.b.c.d into an IPv4 address; keep it IPv6
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(b, 0, mapped, 12, 4);
        return mapped;
      }
      return b.length == 16 ? b : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
