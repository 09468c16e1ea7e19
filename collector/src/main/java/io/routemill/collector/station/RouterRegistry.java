package io.routemill.collector.station;

import io.netty.channel.Channel;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.ingest.Outcome;
import io.routemill.collector.rib.Source;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which connection is the router of each source address. RFC 7854 names a router by nothing but its connection,
 * and the RIB keys its tables by the address, so at most one connection per address — its owner — applies
 * anything; the others wait or are refused (see {@link Mode}), and a connection that closes flushes the tables
 * only if it still owns the address.
 *
 * <p>A connection applies every event under its {@link Claim}'s lock, and never once retired. Taking over retires
 * the previous owner first (waiting for what it is applying, its final flush included), then flushes the
 * address's tables under the new owner's lock, so nothing of the old connection survives into the new one's tables
 * (RFC 7854 §5: a new session starts from nothing) and nothing of the new one is flushed by the old.
 */
final class RouterRegistry {
  /** How a connection that has sent its Initiation claims its address. */
  enum Mode {
    /** Owner if the address has no live owner, else refused ({@code duplicateRouter: reject}). */
    IF_FREE_OR_REFUSE,
    /** Owner if the address has no live owner, else it waits ({@code replace}, before its first Peer Up). */
    IF_FREE_OR_WAIT,
    /** Owner, replacing a live owner ({@code replace}, at its first Peer Up). */
    REPLACE
  }

  enum Result { OWNER, WAITING, REFUSED }

  /** One connection's claim on its address. */
  static final class Claim {
    final String address;
    final int port;
    final Channel channel;
    volatile RouterState state;
    private boolean retired; // guarded by this

    Claim(String address, int port, Channel channel) {
      this.address = address;
      this.port = port;
      this.channel = channel;
    }

    /** Applies the event unless this claim is retired (then null). */
    synchronized Outcome apply(Ingest ingest, RouteEvent event) {
      return retired ? null : ingest.apply(event);
    }

    /** {@link Ingest#applyAnotherView} unless this claim is retired. */
    synchronized void applyAnotherView(Ingest ingest, RouteEvent.PeerUp up) {
      if (!retired) ingest.applyAnotherView(up);
    }

    /** Retires the claim; if it was live, runs {@code last} (with the lock held) and returns true. */
    synchronized boolean retire(Runnable last) {
      if (retired) return false;
      retired = true;
      if (last != null) last.run();
      return true;
    }
  }

  private final Ingest ingest;
  private final Clock clock;
  private final Map<String, Claim> owners = new HashMap<>(); // guarded by this

  RouterRegistry(Ingest ingest, Clock clock) {
    this.ingest = ingest;
    this.clock = clock;
  }

  /**
   * Claims the claim's address. When it becomes the owner after another connection, that one is retired and
   * returned through {@code replaced} (which closes it) and the address's tables are flushed before this returns.
   */
  Result claim(Claim c, Mode mode, Consumer<Claim> replaced) {
    Claim previous;
    synchronized (this) {
      previous = owners.get(c.address);
      boolean live = previous != null && previous.channel.isActive();
      if (live && mode == Mode.IF_FREE_OR_REFUSE) return Result.REFUSED;
      if (live && mode == Mode.IF_FREE_OR_WAIT) return Result.WAITING;
      owners.put(c.address, c);
    }
    if (previous != null) {
      if (previous.retire(null) && previous.channel.isActive()) replaced.accept(previous);
      c.apply(ingest, new RouteEvent.RouterDown(c.address, Source.BMP, clock.millis() * 1000,
          "replaced by the connection from port " + c.port));
    }
    return Result.OWNER;
  }

  /** The claim's connection closed: if it owns its address, the address's tables are flushed and it is forgotten. */
  void release(Claim c) {
    boolean owner;
    synchronized (this) {
      owner = owners.get(c.address) == c;
    }
    c.retire(owner ? () -> ingest.apply(new RouteEvent.RouterDown(c.address, Source.BMP, clock.millis() * 1000,
        "connection closed")) : null);
    synchronized (this) {
      owners.remove(c.address, c);
    }
  }

  /** Whether a live connection owns {@code address}. */
  synchronized boolean ownedByLive(String address) {
    Claim c = owners.get(address);
    return c != null && c.channel.isActive();
  }

  synchronized Claim owner(String address) {
    return owners.get(address);
  }

  synchronized List<Claim> owners() {
    return new ArrayList<>(owners.values());
  }
}
