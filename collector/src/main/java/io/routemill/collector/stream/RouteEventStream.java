package io.routemill.collector.stream;

import io.routemill.collector.event.RouteEvent;

/**
 * The stream between the collector and its consumers, with backpressure instead of loss. Producers (the
 * BMP station, the BGP speaker) publish every event; when the stream is above its high-water mark,
 * {@link #publish} returns false and the producer stops reading from its routers (Netty autoRead off) until
 * the stream calls the registered callback. Nothing is ever dropped: a publish always accepts its event, so
 * the overshoot is bounded by what a producer has already read when it is told to stop (one TCP read per
 * connection). An in-memory implementation serves one machine; a Kafka-backed one can replace it.
 */
public interface RouteEventStream extends AutoCloseable {
  /** Accepts the event. Returns false when the producer should pause reading until {@link #whenWritable}. */
  boolean publish(RouteEvent event);

  /** Whether the stream is above its high water (producers should pause until {@link #whenWritable}). */
  boolean backlogged();

  /** Runs {@code callback} once (on any thread) as soon as the stream is below its low-water mark. */
  void whenWritable(Runnable callback);

  @Override
  void close();

  /** A stream with no consumers: events have nowhere to go and are not kept. */
  RouteEventStream NONE = new RouteEventStream() {
    @Override
    public boolean publish(RouteEvent event) {
      return true;
    }

    @Override
    public boolean backlogged() {
      return false;
    }

    @Override
    public void whenWritable(Runnable callback) {
      callback.run();
    }

    @Override
    public void close() {}
  };
}
