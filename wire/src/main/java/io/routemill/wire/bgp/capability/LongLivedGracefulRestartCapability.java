package io.routemill.wire.bgp.capability;

import io.routemill.wire.bgp.AfiSafi;
import java.util.List;

/**
 * Long-Lived Graceful Restart (code 71, RFC 9494 §3): per family AFI (2), SAFI (1), flags (1, 0x80 =
 * forwarding state preserved) and a 24-bit long-lived stale time in seconds.
 */
public record LongLivedGracefulRestartCapability(List<Family> families) implements Capability {
  public record Family(AfiSafi family, int flags, int staleTime) {}

  public LongLivedGracefulRestartCapability {
    families = List.copyOf(families);
  }

  @Override
  public int code() {
    return LONG_LIVED_GRACEFUL_RESTART;
  }
}
