package io.routemill.collector.stream;

import io.routemill.collector.event.RouteEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * The running collector's {@link RouteEventStream}: one {@link EventFanOut} subscriber per consumer (archiver; later
 * RPKI validation, detectors, the live stream, Kafka), each with its own bounded queue and thread, so a slow consumer
 * delays the others by no more than its queue, and back-pressure pauses the sources when any queue is full.
 */
public final class ConsumerStream implements RouteEventStream {
  /** Events a consumer may have queued before the sources pause: a few hundred ms of a full-table feed. */
  public static final int DEFAULT_CAPACITY = 50_000;

  private final EventFanOut<RouteEvent> fanOut;

  public ConsumerStream(List<Subscriber<RouteEvent>> subscribers) {
    this.fanOut = new EventFanOut<>(subscribers);
  }

  /** A subscriber with the default capacity (low water at half). */
  public static Subscriber<RouteEvent> subscriber(String name, Consumer<? super RouteEvent> consumer) {
    return Subscriber.of(name, consumer, DEFAULT_CAPACITY);
  }

  @Override
  public boolean publish(RouteEvent event) {
    return fanOut.publish(event);
  }

  @Override
  public boolean backlogged() {
    return fanOut.backlogged();
  }

  @Override
  public void whenWritable(Runnable callback) {
    fanOut.whenWritable(callback);
  }

  /** Each consumer's queue, deliveries, failures and lag. */
  public List<SubscriberStats> stats() {
    return fanOut.stats();
  }

  /** Delivers what is queued, then stops the consumers' threads. */
  @Override
  public void close() {
    fanOut.close();
  }
}
