package io.routemill.collector.station;

import io.routemill.collector.query.CollectorQuery.RefusedConnection;
import io.routemill.collector.query.CollectorQuery.StationInfo;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Station-wide record of refused and failed connections: a counter per {@link Refusal} that outlives the
 * connection (and any router entry it had), and the last {@link #RECENT} of them with address, port, reason, detail
 * and time, newest first. Thread-safe: written by every event loop, read by API threads.
 */
final class StationLog {
  static final int RECENT = 100;
  private static final System.Logger LOG = System.getLogger("routemill.bmp");
  private final Clock clock;
  private final Counters refused = new Counters();
  private final ArrayDeque<RefusedConnection> recent = new ArrayDeque<>();

  StationLog(Clock clock) {
    this.clock = clock;
  }

  /**
   * Counts and lists one refusal; the first of each reason is logged at once, then one in every 1,000, so a flood
   * of connections cannot flood the log (the counters and the list have them all).
   */
  void record(String address, int port, Refusal reason, String detail) {
    long n = refused.increment(reason.label());
    RefusedConnection r = new RefusedConnection(address, port, reason.label(), detail, clock.instant());
    synchronized (recent) {
      if (recent.size() == RECENT) recent.removeLast();
      recent.addFirst(r);
    }
    if (n == 1 || n % 1000 == 0) {
      LOG.log(System.Logger.Level.WARNING, "connection from " + address + ":" + port + " " + reason.label() + " ("
          + n + " so far): " + detail);
    }
  }

  long count(Refusal reason) {
    return refused.get(reason.label());
  }

  StationInfo info(long openConnections) {
    List<RefusedConnection> copy;
    synchronized (recent) {
      copy = new ArrayList<>(recent);
    }
    return new StationInfo(openConnections, refused.snapshot(), copy);
  }
}
