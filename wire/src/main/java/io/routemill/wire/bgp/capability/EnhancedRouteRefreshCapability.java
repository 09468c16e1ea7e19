package io.routemill.wire.bgp.capability;

/** Enhanced Route Refresh (code 70, RFC 7313 §3), empty value. */
public record EnhancedRouteRefreshCapability() implements Capability {
  @Override
  public int code() {
    return ENHANCED_ROUTE_REFRESH;
  }
}
