package io.routemill.app.config;

import io.routemill.publisher.http.HttpLimits;
import java.time.Duration;

/**
 * {@code http:} — the looking-glass JSON API and web pages.
 *
 * <pre>
 * http:
 *   port: 8080              # 0 picks a free one
 *   host: 0.0.0.0
 *   headerTimeout: 10s      # a complete request head within this of connecting or of the previous response
 *   idleTimeout: 60s        # nothing read or written for this long closes a connection
 *   maxConnections: 1024    # connections open at once; one more is closed at once
 * </pre>
 *
 * @param port TCP port to listen on (0 picks a free one); default 8080
 * @param host address to bind; default {@code 0.0.0.0} (every IPv4 address)
 * @param headerTimeout see {@link HttpLimits#headerTimeout}; default 10 s, at most 1 d
 * @param idleTimeout see {@link HttpLimits#idleTimeout}; default 60 s, at most 1 d
 * @param maxConnections see {@link HttpLimits#maxConnections}; default 1,024
 */
public record HttpConfig(int port, String host, Duration headerTimeout, Duration idleTimeout, int maxConnections) {
  public static final HttpConfig DEFAULTS = new HttpConfig(8080, "0.0.0.0");

  /** At most a day: the limits are milliseconds in an int. */
  private static final Conversion<Duration> TIMEOUT = Scalars.DURATION.check(
      d -> d.compareTo(Duration.ofDays(1)) <= 0, d -> "must be at most 1d");

  /** The given address with the default limits. */
  public HttpConfig(int port, String host) {
    this(port, host, HttpLimits.DEFAULTS.headerTimeout(), HttpLimits.DEFAULTS.idleTimeout(),
        HttpLimits.DEFAULTS.maxConnections());
  }

  static HttpConfig read(ConfigReader r) throws ConfigException {
    return new HttpConfig(r.port("port", DEFAULTS.port), r.string("host", DEFAULTS.host),
        r.value("headerTimeout", DEFAULTS.headerTimeout, TIMEOUT), r.value("idleTimeout", DEFAULTS.idleTimeout, TIMEOUT),
        r.integer("maxConnections", DEFAULTS.maxConnections, 1, 1_000_000));
  }

  public HttpLimits limits() {
    return new HttpLimits(headerTimeout, idleTimeout, maxConnections);
  }
}
