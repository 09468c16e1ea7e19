package io.routemill.collector.stream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Delivers every published event, in publication order, to each of several subscribers, each with its own
 * bounded queue and its own daemon thread {@code routemill-consumer-NAME}.
 *
 * <p>Why a queue per subscriber: with one queue and one dispatcher, every consumer waits for the slowest (an
 * archive on a slow disk holds up everything else). Here a slow consumer delays the others by no more than its
 * own queue: once that is full the producers pause, but the other consumers keep draining what they have.
 *
 * <p>Back-pressure instead of loss: {@link #publish} never drops and never blocks. It appends the event to every
 * queue and returns false when any queue is at or above its high water; the producer must then stop reading
 * (Netty autoRead off) and register {@link #whenWritable}, whose callback runs once every queue is at or below
 * its low water. A queue can therefore overshoot its high water by whatever the producers have already read
 * when told to stop (a TCP read per connection, each producer's events published after its false return).
 *
 * <p>The callback runs on the consumer thread whose queue reached its low water last (or at once, on the
 * caller's thread, if all are already there), so it must be quick: re-enable a channel's reading, nothing more.
 * Every registration runs exactly once, however many producers registered.
 */
public final class EventFanOut<E> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventFanOut.class.getName());

  private final List<SubscriberQueue<E>> queues;
  private final LongSupplier nanoClock;
  /** Serialises publishers, so that all subscribers see one order, and makes close() exclusive with them. */
  private final Object publishLock = new Object();
  private boolean closed; // guarded by publishLock
  private final List<Runnable> waiters = new ArrayList<>(); // guarded by itself
  /** Set when waiters is not empty: queues reaching low water look at it before taking the waiters' lock. */
  private volatile boolean waiting;

  public EventFanOut(List<Subscriber<E>> subscribers) {
    this(subscribers, System::nanoTime);
  }

  /** {@code nanoClock} ({@link System#nanoTime} by default) dates queued events for their age in the stats. */
  public EventFanOut(List<Subscriber<E>> subscribers, LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    Set<String> names = new HashSet<>();
    List<SubscriberQueue<E>> built = new ArrayList<>(subscribers.size());
    for (Subscriber<E> subscriber : subscribers) {
      if (!names.add(subscriber.name())) {
        throw new IllegalArgumentException("duplicate subscriber " + subscriber.name());
      }
      built.add(new SubscriberQueue<>(subscriber, this::lowWaterReached));
    }
    this.queues = List.copyOf(built);
    queues.forEach(SubscriberQueue::start);
  }

  /**
   * Appends the event to every subscriber's queue. Returns false when any queue is at or above its high water:
   * the producer should stop reading until {@link #whenWritable}. The event is accepted either way.
   *
   * @throws IllegalStateException after {@link #close}
   */
  public boolean publish(E event) {
    Objects.requireNonNull(event, "event");
    synchronized (publishLock) {
      if (closed) throw new IllegalStateException("event fan-out closed");
      long now = nanoClock.getAsLong();
      boolean writable = true;
      for (SubscriberQueue<E> queue : queues) writable &= queue.offer(event, now);
      return writable;
    }
  }

  /** Whether any queue is at or above its high water (what the last {@link #publish} would have said). */
  public boolean backlogged() {
    for (SubscriberQueue<E> queue : queues) {
      if (queue.atOrAboveHighWater()) return true;
    }
    return false;
  }

  /** Runs {@code callback} once, on any thread, as soon as every queue is at or below its low water. */
  public void whenWritable(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    List<Runnable> ready;
    synchronized (waiters) {
      waiters.add(callback);
      waiting = true; // before reading the sizes: a queue reaching low water now either sees it or is seen
      ready = takeWaitersIfWritable();
    }
    runAll(ready);
  }

  /** One snapshot per subscriber, in construction order. */
  public List<SubscriberStats> stats() {
    long now = nanoClock.getAsLong();
    List<SubscriberStats> stats = new ArrayList<>(queues.size());
    for (SubscriberQueue<E> queue : queues) stats.add(queue.stats(now));
    return List.copyOf(stats);
  }

  /**
   * Refuses further events, delivers what is queued to every consumer and waits for their threads to finish.
   * Idempotent. A consumer that never returns makes this wait for ever.
   */
  @Override
  public void close() {
    synchronized (publishLock) {
      closed = true;
    }
    queues.forEach(SubscriberQueue::close);
    try {
      for (SubscriberQueue<E> queue : queues) queue.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Called by a queue's thread each time it falls to its low water. */
  private void lowWaterReached() {
    if (!waiting) return;
    List<Runnable> ready;
    synchronized (waiters) {
      ready = takeWaitersIfWritable();
    }
    runAll(ready);
  }

  /** Under the waiters' lock. */
  private List<Runnable> takeWaitersIfWritable() {
    if (waiters.isEmpty()) return List.of();
    for (SubscriberQueue<E> queue : queues) if (!queue.atOrBelowLowWater()) return List.of();
    List<Runnable> ready = List.copyOf(waiters);
    waiters.clear();
    waiting = false;
    return ready;
  }

  private static void runAll(List<Runnable> callbacks) {
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "whenWritable callback failed", e);
      }
    }
  }
}
