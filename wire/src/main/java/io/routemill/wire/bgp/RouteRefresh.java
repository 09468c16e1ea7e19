package io.routemill.wire.bgp;

import java.util.Arrays;

/**
 * ROUTE-REFRESH (RFC 2918 §3) with the message subtype of RFC 7313 §3 in the formerly reserved byte:
 * 0 normal request, 1 Beginning of Route Refresh, 2 End of Route Refresh. A subtype-0 message may carry
 * ORF entries (RFC 5291) after the fixed part; they stay in {@link #raw()}.
 */
public record RouteRefresh(int afi, int subtype, int safi, byte[] raw) implements BgpMessage {
  public static final int NORMAL = 0;
  public static final int BORR = 1;
  public static final int EORR = 2;

  @Override
  public int type() {
    return TYPE_ROUTE_REFRESH;
  }

  public AfiSafi family() {
    return AfiSafi.of(afi, safi);
  }

  /** Bytes after the 4-byte AFI/subtype/SAFI part (RFC 5291 ORF entries); empty for plain refreshes. */
  public byte[] orfEntries() {
    return raw.length > 23 ? Arrays.copyOfRange(raw, 23, raw.length) : new byte[0];
  }

  @Override
  public String toString() {
    return "RouteRefresh[afi=" + afi + ", subtype=" + subtype + ", safi=" + safi + ", " + raw.length + " bytes]";
  }
}
