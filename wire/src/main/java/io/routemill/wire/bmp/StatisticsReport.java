package io.routemill.wire.bmp;

import java.util.List;

/** Statistics Report (RFC 7854 §4.8): a per-peer header and a count-prefixed list of statistics. */
public record StatisticsReport(PeerHeader peer, List<Stat> stats) implements BmpMessage {
  public StatisticsReport {
    stats = List.copyOf(stats);
  }

  /** The first statistic of this type, or null. */
  public Stat stat(int type) {
    for (Stat s : stats) {
      if (s.type() == type) return s;
    }
    return null;
  }

  @Override
  public int type() {
    return TYPE_STATISTICS_REPORT;
  }
}
