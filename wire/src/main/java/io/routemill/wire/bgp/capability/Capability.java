package io.routemill.wire.bgp.capability;

/**
 * One capability advertised in an OPEN (RFC 5492 §4). Each known code has its own record; a capability
 * whose value does not have the layout its RFC requires is kept as {@link UnknownCapability} rather than
 * dropped, so that nothing of an OPEN is lost and the session layer can still decide what to do about it.
 */
public sealed interface Capability
    permits MultiprotocolCapability, RouteRefreshCapability, ExtendedNextHopCapability,
        ExtendedMessageCapability, RoleCapability, GracefulRestartCapability, FourOctetAsCapability,
        AddPathCapability, EnhancedRouteRefreshCapability, LongLivedGracefulRestartCapability,
        FqdnCapability, UnknownCapability {
  int MULTIPROTOCOL = 1;
  int ROUTE_REFRESH = 2;
  int EXTENDED_NEXT_HOP = 5;
  int EXTENDED_MESSAGE = 6;
  int ROLE = 9;
  int GRACEFUL_RESTART = 64;
  int FOUR_OCTET_AS = 65;
  int ADD_PATH = 69;
  int ENHANCED_ROUTE_REFRESH = 70;
  int LONG_LIVED_GRACEFUL_RESTART = 71;
  int FQDN = 73;
  /** Pre-standard route refresh code still sent by Cisco IOS next to code 2. */
  int ROUTE_REFRESH_OLD_CISCO = 128;

  /** The capability code (IANA "Capability Codes"). */
  int code();
}
