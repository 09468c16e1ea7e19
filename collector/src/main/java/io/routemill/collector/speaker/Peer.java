package io.routemill.collector.speaker;

import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.station.Counters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The runtime state of one configured neighbour: its live connections (at most two during a collision), the
 * established one, what the API shows, and the graceful-restart timers that outlive a connection. Fields that
 * several connections touch are guarded by {@code this}; what the API reads is volatile.
 */
final class Peer {
  final Neighbor neighbor;
  final TableKey key;
  final String address;
  final Counters messages = new Counters();
  final Counters errors = new Counters();

  // guarded by this
  final List<BgpSession> sessions = new ArrayList<>(2);
  BgpSession established;
  ScheduledFuture<?> restartTimer;
  ScheduledFuture<?> staleTimer;
  ScheduledFuture<?> reconnect;
  /** AFIs (1, 2) whose routes are stale and wait for the peer's End-of-RIB or a timer. */
  final boolean[] staleAfi = new boolean[3];

  volatile boolean connecting;
  volatile Instant upSince;
  volatile List<String> capabilities = List.of();
  volatile String lastError;
  volatile long peerAs;
  volatile String bgpId;
  volatile long establishedCount;

  Peer(Neighbor neighbor, String router) {
    this.neighbor = neighbor;
    this.address = TableKey.canonicalAddress(neighbor.address().getHostAddress());
    this.key = new TableKey(router, Source.BGP, address, 0, RibView.ADJ_IN_PRE);
  }

  /** The most advanced state of its connections, else Connect while dialling, else Active (or Idle when stopped). */
  synchronized BgpState state(boolean running) {
    BgpState best = null;
    for (BgpSession s : sessions) {
      BgpState st = s.state();
      if (best == null || st.code() > best.code()) best = st;
    }
    if (best != null) return best;
    if (connecting) return BgpState.CONNECT;
    return running ? BgpState.ACTIVE : BgpState.IDLE;
  }

  synchronized List<BgpSession> sessions() {
    return new ArrayList<>(sessions);
  }
}
