package io.routemill.collector.station;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission at accept (RFC 7854 §3.2: routers connect to the station, and anyone can): the allow-list, then the
 * cap on open connections, then the cap per source address. A refused connection is closed before any handler
 * reads from it. Thread-safe; {@link #leave} once for every admitted connection when it closes.
 */
final class ConnectionGate {
  private final StationLimits limits;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

  ConnectionGate(StationLimits limits) {
    this.limits = limits;
  }

  /** Null when admitted, else why not. {@code raw} is the address's 4 or 16 bytes, {@code address} its text. */
  Refusal admit(String address, byte[] raw) {
    if (!limits.allows(raw)) return Refusal.NOT_ALLOWED;
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      return Refusal.CONNECTION_LIMIT;
    }
    boolean[] full = {false};
    perAddress.compute(address, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= limits.maxConnectionsPerAddress()) {
        full[0] = true;
        return n;
      }
      return now + 1;
    });
    if (full[0]) {
      open.decrementAndGet();
      return Refusal.ADDRESS_LIMIT;
    }
    return null;
  }

  /** An admitted connection from {@code address} closed. */
  void leave(String address) {
    perAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    open.decrementAndGet();
  }

  int open() {
    return open.get();
  }

  /** A text for the refusal's detail. */
  String describe(Refusal r) {
    return switch (r) {
      case NOT_ALLOWED -> "address not in bmp.allow";
      case CONNECTION_LIMIT -> limits.maxConnections() + " connections open (bmp.maxConnections)";
      case ADDRESS_LIMIT -> limits.maxConnectionsPerAddress() + " connections open from this address"
          + " (bmp.maxConnectionsPerAddress)";
      default -> r.label();
    };
  }
}
