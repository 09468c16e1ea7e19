package io.routemill.publisher.api;

import io.routemill.collector.query.CollectorQuery;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.rib.RouteRow;
import io.routemill.wire.bgp.Prefix;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake of the read interface for API tests only: a fixed list of routes, matched naively, paged by offset
 * ({@code next} is the offset of the next page as text). It records the last query, and whether it was
 * called on an event loop.
 */
final class FakeCollectorQuery implements CollectorQuery {
  final List<RouterInfo> routers;
  final List<PeerInfo> peers;
  final List<RouteRow> routes;
  final List<ConsumerInfo> consumers;
  volatile StationInfo station = StationInfo.NONE;
  final AtomicReference<RouteQuery> lastQuery = new AtomicReference<>();
  volatile boolean calledOnEventLoop;
  volatile boolean explode;
  /** When set, every call waits for it first. */
  volatile java.util.concurrent.CountDownLatch gate;
  final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

  FakeCollectorQuery(List<RouterInfo> routers, List<PeerInfo> peers, List<RouteRow> routes,
      List<ConsumerInfo> consumers) {
    this.routers = routers;
    this.peers = peers;
    this.routes = routes;
    this.consumers = consumers;
  }

  private void called() {
    if (Context.isOnEventLoopThread()) calledOnEventLoop = true;
    java.util.concurrent.CountDownLatch g = gate;
    if (g != null) {
      waiting.incrementAndGet();
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (explode) throw new IllegalStateException("the RIB is on fire");
  }

  @Override
  public List<RouterInfo> routers() {
    called();
    return routers;
  }

  @Override
  public List<PeerInfo> peers() {
    called();
    return peers;
  }

  @Override
  public RoutePage routes(RouteQuery q) {
    called();
    lastQuery.set(q);
    int offset = 0;
    if (q.cursor() != null) {
      try {
        offset = Integer.parseInt(q.cursor());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cursor '" + q.cursor() + "' is not one this collector gave out");
      }
    }
    List<RouteRow> matching = new ArrayList<>();
    int longest = -1;
    for (RouteRow r : routes) {
      if (q.peer() != null && !q.peer().equals(r.peerAddress())) continue;
      if (q.rib() != null && q.rib() != r.rib()) continue;
      boolean ok = switch (q.match()) {
        case EXACT -> r.prefix().equals(q.prefix());
        case MORE -> covers(q.prefix(), r.prefix());
        case LESS, LONGEST -> covers(r.prefix(), q.prefix());
      };
      if (!ok) continue;
      matching.add(r);
      longest = Math.max(longest, r.prefix().length());
    }
    if (q.match() == Match.LONGEST) {
      int l = longest;
      matching.removeIf(r -> r.prefix().length() != l);
    }
    matching.sort(Comparator.comparing(RouteRow::prefix).thenComparing(RouteRow::peerAddress));
    int end = Math.min(matching.size(), offset + q.limit());
    List<RouteRow> page = offset >= matching.size() ? List.of() : matching.subList(offset, end);
    return new RoutePage(List.copyOf(page), end < matching.size() ? Integer.toString(end) : null);
  }

  @Override
  public List<ConsumerInfo> consumers() {
    called();
    return consumers;
  }

  @Override
  public StationInfo station() {
    called();
    return station;
  }

  /** True if {@code outer} contains {@code inner} (or equals it). */
  static boolean covers(Prefix outer, Prefix inner) {
    if (outer.afi() != inner.afi() || outer.length() > inner.length()) return false;
    byte[] masked = Arrays.copyOf(inner.address(), inner.address().length);
    Prefix.maskHostBits(masked, outer.length());
    return Arrays.equals(masked, outer.address());
  }
}
