package io.routemill.collector.station;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Logs problems once per kind and source, then at most once per {@code interval} with the count since the
 * last line, so a router that sends the same bad message a million times cannot flood the log.
 */
final class ProblemLog {
  private static final System.Logger LOG = System.getLogger("routemill.bmp");
  private final Clock clock;
  private final long intervalMillis;
  private final Map<String, long[]> lastByKind = new HashMap<>(); // kind -> {last log millis, suppressed}

  ProblemLog(Clock clock, long intervalMillis) {
    this.clock = clock;
    this.intervalMillis = intervalMillis;
  }

  synchronized void log(String router, String kind, String detail) {
    String key = router + " " + kind;
    long now = clock.millis();
    long[] state = lastByKind.get(key);
    if (state == null || now - state[0] >= intervalMillis) {
      String suppressed = state != null && state[1] > 0 ? " (" + state[1] + " more since the last report)" : "";
      LOG.log(System.Logger.Level.WARNING, "router " + router + ": " + kind + ": " + detail + suppressed);
      lastByKind.put(key, new long[] {now, 0});
    } else {
      state[1]++;
    }
  }
}
