package io.routemill.wire.bgp.capability;

import io.routemill.wire.bgp.AfiSafi;
import java.util.List;

/**
 * Graceful Restart (code 64, RFC 4724 §3): 4 bits of restart flags (R = 8, N = 4 per RFC 8538), a 12-bit
 * restart time in seconds, then per family AFI (2), SAFI (1) and flags (0x80 = forwarding state preserved).
 */
public record GracefulRestartCapability(int restartFlags, int restartTime, List<Family> families)
    implements Capability {
  public static final int FLAG_RESTART_STATE = 0x8;
  public static final int FLAG_NOTIFICATION = 0x4;
  public static final int FAMILY_FORWARDING_PRESERVED = 0x80;

  public record Family(AfiSafi family, int flags) {}

  public GracefulRestartCapability {
    families = List.copyOf(families);
  }

  @Override
  public int code() {
    return GRACEFUL_RESTART;
  }
}
