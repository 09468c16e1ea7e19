package io.routemill.app.config;

/**
 * {@code bmp:} — the BMP station routers stream to (RFC 7854).
 *
 * @param port TCP port to listen on (0 picks a free one); default 11019
 * @param host address to bind; default {@code 0.0.0.0} (every IPv4 address)
 */
public record BmpConfig(int port, String host) {
  public static final BmpConfig DEFAULTS = new BmpConfig(11019, "0.0.0.0");

  /** On every address. */
  public BmpConfig(int port) {
    this(port, DEFAULTS.host);
  }

  static BmpConfig read(ConfigReader r) throws ConfigException {
    return new BmpConfig(r.port("port", DEFAULTS.port), r.string("host", DEFAULTS.host));
  }
}
