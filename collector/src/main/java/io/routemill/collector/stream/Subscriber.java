package io.routemill.collector.stream;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One consumer of an {@link EventFanOut}: a name for its thread, logs and statistics ("archiver"), what it
 * does with each event, and the bounds of its own queue. At {@code highWater} queued events it pauses the
 * producers; they resume once it (and every other queue) is back at or below {@code lowWater}. The gap avoids
 * switching the producers' reading off and on for every event.
 */
public record Subscriber<E>(String name, Consumer<? super E> consumer, int highWater, int lowWater) {
  public Subscriber {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(consumer, "consumer");
    if (name.isBlank()) throw new IllegalArgumentException("subscriber name is blank");
    if (lowWater < 0 || lowWater >= highWater) {
      throw new IllegalArgumentException(name + ": need 0 <= lowWater < highWater, got " + lowWater + ", " + highWater);
    }
  }

  /** A subscriber pausing producers at {@code capacity} queued events and resuming them at half of it. */
  public static <E> Subscriber<E> of(String name, Consumer<? super E> consumer, int capacity) {
    return new Subscriber<>(name, consumer, capacity, capacity / 2);
  }
}
