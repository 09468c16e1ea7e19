package io.routemill.collector.rib;

/**
 * How routemill learned a route: from a router's BMP stream, over one of its own (receive-only) BGP sessions, or
 * from an MRT file (a RIS or RouteViews dump loaded with {@code run --load}).
 */
public enum Source {
  BMP("bmp"),
  BGP("bgp"),
  MRT("mrt");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  /** The name in the API, the archive's view column and the config: {@code bmp}, {@code bgp}, {@code mrt}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
