package io.routemill.archiver.archive;

import io.routemill.collector.query.CollectorQuery.PeerInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.parquet.io.api.Binary;

/**
 * BGP identifiers of monitored peers (the event stream does not carry them), looked up in the collector's peer
 * list, refreshed at most once a second when a peer is missing. Thread-safe.
 */
final class PeerIds {
  private final Supplier<List<PeerInfo>> peers;
  private Map<String, String> ids = Map.of();
  private long refreshedNanos = Long.MIN_VALUE / 2;
  private final Map<String, Binary> binaries = new HashMap<>();

  PeerIds(Supplier<List<PeerInfo>> peers) {
    this.peers = peers;
  }

  synchronized String text(String router, String peer) {
    String key = router + "|" + peer;
    String id = ids.get(key);
    if (id == null && System.nanoTime() - refreshedNanos > 1_000_000_000L) {
      refresh();
      id = ids.get(key);
    }
    return id;
  }

  synchronized Binary get(String router, String peer) {
    String id = text(router, peer);
    return id == null ? null : binaries.computeIfAbsent(id, Binary::fromString);
  }

  /** The identifier as 4 bytes, or null. */
  byte[] bytes(String router, String peer) {
    String id = text(router, peer);
    if (id == null) return null;
    return MrtRecords.address(id, 4);
  }

  /** Forgets what was looked up (a peer came up: its identifier may have changed). */
  synchronized void invalidate() {
    refreshedNanos = Long.MIN_VALUE / 2;
    ids = Map.of();
  }

  private void refresh() {
    refreshedNanos = System.nanoTime();
    Map<String, String> m = new HashMap<>();
    try {
      for (PeerInfo p : peers.get()) {
        if (p.bgpId() != null) m.put(p.router() + "|" + p.address(), p.bgpId());
      }
    } catch (RuntimeException e) {
      System.getLogger("routemill.archive").log(System.Logger.Level.WARNING, "cannot list peers: " + e);
    }
    ids = m;
  }
}
