package io.routemill.wire.bgp;

import java.util.HexFormat;

/**
 * Text forms of raw wire values, in one place: the byte fields records show in {@code toString}, so a log line
 * shows values (an address, a few bytes of hex, a length) and never an array's identity ({@code [B@1b6d3586}),
 * and BGP identifiers. Hex is cut at {@link #HEX_LIMIT} bytes: a log line stays short whatever a router sent.
 */
public final class WireText {
  public static final int HEX_LIMIT = 32;

  private WireText() {}

  /** An IPv4 or IPv6 address; any other length is shown as hex (damaged or absent addresses). */
  public static String address(byte[] address) {
    return address.length == 4 || address.length == 16 ? IpAddresses.format(address) : hex(address);
  }

  /** Up to {@link #HEX_LIMIT} bytes of lower-case hex, then "…(N bytes)" when there were more. */
  public static String hex(byte[] bytes) {
    if (bytes.length <= HEX_LIMIT) return "0x" + HexFormat.of().formatHex(bytes);
    return "0x" + HexFormat.of().formatHex(bytes, 0, HEX_LIMIT) + "…(" + bytes.length + " bytes)";
  }

  /** A BGP identifier (RFC 4271 §4.2) in dotted-quad form. */
  public static String bgpId(long id) {
    return (id >>> 24 & 0xFF) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF);
  }
}
