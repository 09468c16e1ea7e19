package io.routemill.app.config;

/**
 * {@code http:} — the looking-glass JSON API and web pages.
 *
 * @param port TCP port to listen on (0 picks a free one); default 8080
 * @param host address to bind; default {@code 0.0.0.0} (every IPv4 address)
 */
public record HttpConfig(int port, String host) {
  public static final HttpConfig DEFAULTS = new HttpConfig(8080, "0.0.0.0");

  static HttpConfig read(ConfigReader r) throws ConfigException {
    return new HttpConfig(r.port("port", DEFAULTS.port), r.string("host", DEFAULTS.host));
  }
}
