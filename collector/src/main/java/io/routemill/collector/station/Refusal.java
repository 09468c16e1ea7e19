package io.routemill.collector.station;

/**
 * Why the station refused a connection at accept or closed it later, as counted and listed by {@link StationLog}
 * ({@code /api/v1/station}). A router closing its own connection is none of these.
 */
public enum Refusal {
  /** {@link StationLimits#maxConnections} connections were open. */
  CONNECTION_LIMIT("connection-limit"),
  /** {@link StationLimits#maxConnectionsPerAddress} connections from its address were open. */
  ADDRESS_LIMIT("address-limit"),
  /** Its address is not in {@link StationLimits#allow}. */
  NOT_ALLOWED("not-allowed"),
  /** No Initiation (RFC 7854 §4.3), or no Peer Up to take over a live router's address, in time. */
  INITIATION_TIMEOUT("initiation-timeout"),
  /** No byte for {@link StationLimits#idleTimeout}. */
  IDLE_TIMEOUT("idle-timeout"),
  /** Its unfinished message pushed the station's buffered bytes over {@link StationLimits#frameBudget}. */
  FRAME_BUDGET("frame-budget"),
  /** A common header that cannot be framed (RFC 7854 §4.1: version other than 3, absurd length). */
  FRAMING_ERROR("framing-error"),
  /** A second connection from a live router's address, under {@code duplicateRouter: reject}. */
  DUPLICATE_ROUTER("duplicate-router"),
  /** A router's connection taken over by a newer one from its address, under {@code duplicateRouter: replace}. */
  REPLACED("replaced"),
  /** The socket failed (reset, I/O error) or a handler threw. */
  CONNECTION_ERROR("connection-error");

  private final String label;

  Refusal(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
