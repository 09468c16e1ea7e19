package io.routemill.wire.bgp.capability;

/** Route Refresh (code 2, RFC 2918 §2), empty value. */
public record RouteRefreshCapability() implements Capability {
  @Override
  public int code() {
    return ROUTE_REFRESH;
  }
}
