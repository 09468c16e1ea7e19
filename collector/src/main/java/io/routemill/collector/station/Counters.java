package io.routemill.collector.station;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named counters, written by one event loop, read by API threads. */
public final class Counters {
  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  public long increment(String name) {
    LongAdder adder = counts.computeIfAbsent(name, n -> new LongAdder());
    adder.increment();
    return adder.sum();
  }

  public long get(String name) {
    LongAdder adder = counts.get(name);
    return adder == null ? 0 : adder.sum();
  }

  /** A sorted copy, for the API. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
