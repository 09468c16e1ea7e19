package io.routemill.publisher.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may hold of the HTTP server ({@link ConnectionGuard}).
 *
 * @param headerTimeout how long a connection may take to send a complete request head, counted from when it opens
 *     and again from the end of each response (so also how long an idle keep-alive connection stays); default 10 s
 * @param idleTimeout a connection with nothing read or written for this long is closed (a stalled upload or
 *     download); default 60 s
 * @param maxConnections connections open at once; one more is closed as soon as it is accepted; default 1,024
 */
public record HttpLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections) {
  public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), 1024);

  public HttpLimits {
    positiveMillis(Objects.requireNonNull(headerTimeout), "headerTimeout");
    positiveMillis(Objects.requireNonNull(idleTimeout), "idleTimeout");
    if (maxConnections < 1) throw new IllegalArgumentException("maxConnections " + maxConnections);
  }

  private static void positiveMillis(Duration d, String name) {
    if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " " + d + ": must be from 1 ms to " + Integer.MAX_VALUE + " ms");
    }
  }
}
