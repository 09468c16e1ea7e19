package io.routemill.collector.stream;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One subscriber's queue and the daemon thread that drains it into the subscriber's consumer, in order. The
 * consumer works on the head of the queue, which is removed only once delivered, so {@link #size} counts the
 * event in hand: a stuck consumer keeps its queue full and its oldest age growing.
 */
final class SubscriberQueue<E> {
  private static final System.Logger LOG = System.getLogger(SubscriberQueue.class.getName());

  private final String name;
  private final Consumer<? super E> consumer;
  private final int highWater;
  private final int lowWater;
  private final Runnable onLowWater;
  private final Thread thread;
  private final Object lock = new Object();
  // guarded by lock
  private final ArrayDeque<E> events = new ArrayDeque<>();
  private final LongRing enqueuedAt = new LongRing();
  private long delivered;
  private long failures;
  private long pauses;
  private boolean closed;
  /** {@code events.size()}, written under lock, read without it by {@link EventFanOut#whenWritable}. */
  private volatile int size;

  /** {@code onLowWater} runs on the queue's thread each time the queue falls to its low water. */
  SubscriberQueue(Subscriber<E> subscriber, Runnable onLowWater) {
    this.name = subscriber.name();
    this.consumer = subscriber.consumer();
    this.highWater = subscriber.highWater();
    this.lowWater = subscriber.lowWater();
    this.onLowWater = onLowWater;
    this.thread = new Thread(this::drain, "routemill-consumer-" + name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Appends the event; returns false when the queue is now at or above its high water (counted as a pause). */
  boolean offer(E event, long nowNanos) {
    synchronized (lock) {
      if (closed) throw new IllegalStateException(name + " closed");
      events.addLast(event);
      enqueuedAt.addLast(nowNanos);
      size = events.size();
      if (size == 1) lock.notifyAll();
      if (size < highWater) return true;
      pauses++;
      return false;
    }
  }

  boolean atOrBelowLowWater() {
    return size <= lowWater;
  }

  boolean atOrAboveHighWater() {
    return size >= highWater;
  }

  SubscriberStats stats(long nowNanos) {
    synchronized (lock) {
      long age = events.isEmpty() ? 0 : Math.max(0, (nowNanos - enqueuedAt.peekFirst()) / 1_000_000);
      return new SubscriberStats(name, events.size(), highWater, delivered, failures, pauses, age);
    }
  }

  /** Lets the thread deliver what is queued and stop; does not wait for it. */
  void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  void join() throws InterruptedException {
    if (Thread.currentThread() != thread) thread.join(); // a consumer closing the fan-out must not wait for itself
  }

  private void drain() {
    for (E event; (event = awaitHead()) != null; ) {
      boolean ok = deliver(event);
      if (removeHead(ok)) onLowWater.run();
    }
  }

  /** The oldest queued event, waiting for one; null once closed and empty. */
  private E awaitHead() {
    synchronized (lock) {
      while (events.isEmpty() && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          // Only this class owns the thread; an interrupt is not a request to stop, and stopping would leave
          // the producers paused for good.
        }
      }
      return events.peekFirst();
    }
  }

  /** Removes the delivered head; returns true when that brought the queue down to its low water. */
  private boolean removeHead(boolean ok) {
    synchronized (lock) {
      events.pollFirst();
      enqueuedAt.pollFirst();
      delivered++;
      if (!ok) failures++;
      size = events.size();
      return size == lowWater;
    }
  }

  private boolean deliver(E event) {
    try {
      consumer.accept(event);
      return true;
    } catch (Throwable e) {
      // Errors too: a dead thread would stop draining this queue and pause the producers for good.
      long failed;
      synchronized (lock) {
        failed = failures + 1;
      }
      // Logged at the 1st, 2nd, 4th, 8th... failure, so a consumer failing on every event cannot flood the log.
      if (Long.bitCount(failed) == 1) {
        LOG.log(System.Logger.Level.ERROR, () -> "consumer " + name + " failed (" + failed + " failures)", e);
      }
      return false;
    } finally {
      Thread.interrupted(); // a consumer's leftover interrupt status must not spin awaitHead
    }
  }
}
