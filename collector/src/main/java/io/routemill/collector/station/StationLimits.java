package io.routemill.collector.station;

import io.routemill.wire.bgp.Prefix;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the station accepts from the network (BMP has no authentication, RFC 7854 §11: the station has to bound
 * what unknown senders can hold).
 *
 * @param maxConnections open BMP connections at most, all addresses together; more are refused at accept
 * @param maxConnectionsPerAddress open connections at most from one source address
 * @param initiationTimeout how long a connection may take to become a router (its Initiation, RFC 7854 §4.3, and,
 *     when it is to replace a live connection from its address, its first Peer Up)
 * @param idleTimeout a connection from which no byte arrives for this long is closed (never while the station
 *     itself stopped reading it for back-pressure)
 * @param frameBudget bytes of unfinished messages all connections together may hold in their frame decoders
 *     (beyond {@link FrameBudget#FREE_PER_CONNECTION} each); the connection that pushes the total over is closed
 * @param duplicateRouter what a second connection from the address of a live router gets
 * @param allow source addresses and prefixes routers may connect from; empty: any
 */
public record StationLimits(int maxConnections, int maxConnectionsPerAddress, Duration initiationTimeout,
    Duration idleTimeout, long frameBudget, DuplicateRouter duplicateRouter, List<Prefix> allow) {

  /**
   * {@code reject}: refused while the first connection lives. {@code replace}: the new connection takes the address
   * over (the old one is closed and its tables flushed) once it has sent a valid Initiation and a Peer Up, so a
   * router that reconnects before the station noticed its old connection died is not locked out, and bytes that
   * are not BMP from its address destroy nothing.
   */
  public enum DuplicateRouter {
    REJECT, REPLACE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final StationLimits DEFAULTS = new StationLimits(1000, 10, Duration.ofSeconds(30),
      Duration.ofMinutes(10), 256L << 20, DuplicateRouter.REPLACE, List.of());

  public StationLimits {
    if (maxConnections < 1 || maxConnectionsPerAddress < 1) throw new IllegalArgumentException("connection caps < 1");
    if (initiationTimeout.isNegative() || initiationTimeout.isZero() || idleTimeout.isNegative()
        || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (frameBudget < 1) throw new IllegalArgumentException("frame budget < 1");
    Objects.requireNonNull(duplicateRouter);
    allow = List.copyOf(allow);
  }

  /** Whether a connection from {@code address} (4 or 16 bytes) may be accepted. */
  public boolean allows(byte[] address) {
    if (allow.isEmpty()) return true;
    for (Prefix p : allow) {
      if (p.address().length == address.length && covers(p, address)) return true;
    }
    return false;
  }

  private static boolean covers(Prefix p, byte[] address) {
    byte[] a = address.clone();
    Prefix.maskHostBits(a, p.length());
    return java.util.Arrays.equals(a, p.address());
  }
}
