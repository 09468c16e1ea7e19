package io.routemill.app.config;

/**
 * {@code bmp:} — the BMP station routers stream to (RFC 7854).
 *
 * @param port TCP port to listen on (0 picks a free one); default 11019
 */
public record BmpConfig(int port) {
  public static final BmpConfig DEFAULTS = new BmpConfig(11019);

  static BmpConfig read(ConfigReader r) throws ConfigException {
    return new BmpConfig(r.port("port", DEFAULTS.port));
  }
}
