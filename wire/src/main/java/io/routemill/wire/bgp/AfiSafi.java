package io.routemill.wire.bgp;

/**
 * An address family (AFI, RFC 4760 §3 / IANA "Address Family Numbers") and subsequent address family
 * (SAFI) pair. Kept as two plain ints so that families routemill does not decode (VPN, labeled, flowspec,
 * EVPN ...) still travel with their raw NLRI.
 */
public record AfiSafi(int afi, int safi) {
  public static final int AFI_IPV4 = 1;
  public static final int AFI_IPV6 = 2;
  public static final int SAFI_UNICAST = 1;
  public static final int SAFI_MULTICAST = 2;

  public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, SAFI_UNICAST);
  public static final AfiSafi IPV4_MULTICAST = new AfiSafi(AFI_IPV4, SAFI_MULTICAST);
  public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, SAFI_UNICAST);
  public static final AfiSafi IPV6_MULTICAST = new AfiSafi(AFI_IPV6, SAFI_MULTICAST);

  public AfiSafi {
    if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 0xFF) {
      throw new IllegalArgumentException("AFI/SAFI out of range: " + afi + "/" + safi);
    }
  }

  public static AfiSafi of(int afi, int safi) {
    if (safi == SAFI_UNICAST) {
      if (afi == AFI_IPV4) return IPV4_UNICAST;
      if (afi == AFI_IPV6) return IPV6_UNICAST;
    }
    return new AfiSafi(afi, safi);
  }

  /** True for the families whose NLRI routemill decodes into {@link Prefix}es: IPv4/IPv6 unicast and multicast. */
  public boolean isIpPrefixFamily() {
    return (afi == AFI_IPV4 || afi == AFI_IPV6) && (safi == SAFI_UNICAST || safi == SAFI_MULTICAST);
  }

  @Override
  public String toString() {
    return afi + "/" + safi;
  }
}
