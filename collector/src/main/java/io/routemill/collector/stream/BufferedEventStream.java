package io.routemill.collector.stream;

import io.routemill.collector.event.RouteEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-memory {@link RouteEventStream} delivering events in order to consumers on one dispatcher thread.
 * Producers are paused above {@code highWater} queued events and resumed below {@code lowWater}; the gap
 * between the two avoids flapping autoRead on every event.
 */
public final class BufferedEventStream implements RouteEventStream {
  private final int highWater;
  private final int lowWater;
  private final List<Consumer<RouteEvent>> consumers;
  private final ArrayDeque<RouteEvent> queue = new ArrayDeque<>();
  private final List<Runnable> waiting = new ArrayList<>();
  private final Thread dispatcher;
  private boolean closed;

  public BufferedEventStream(int highWater, int lowWater, List<Consumer<RouteEvent>> consumers) {
    if (lowWater < 0 || lowWater >= highWater) throw new IllegalArgumentException("need 0 <= lowWater < highWater");
    this.highWater = highWater;
    this.lowWater = lowWater;
    this.consumers = List.copyOf(consumers);
    this.dispatcher = new Thread(this::dispatch, "routemill-events");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  @Override
  public synchronized boolean publish(RouteEvent event) {
    if (closed) throw new IllegalStateException("stream closed");
    queue.addLast(event);
    notifyAll();
    return queue.size() < highWater;
  }

  @Override
  public void whenWritable(Runnable callback) {
    boolean now;
    synchronized (this) {
      now = queue.size() <= lowWater;
      if (!now) waiting.add(callback);
    }
    if (now) callback.run();
  }

  @Override
  public synchronized boolean backlogged() {
    return queue.size() >= highWater;
  }

  /** Events queued and not yet delivered. */
  public synchronized int queued() {
    return queue.size();
  }

  private void dispatch() {
    while (true) {
      RouteEvent event;
      List<Runnable> resume = List.of();
      synchronized (this) {
        while (queue.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (queue.isEmpty()) return;
        event = queue.pollFirst();
        if (queue.size() <= lowWater && !waiting.isEmpty()) {
          resume = new ArrayList<>(waiting);
          waiting.clear();
        }
      }
      resume.forEach(Runnable::run);
      for (Consumer<RouteEvent> consumer : consumers) {
        try {
          consumer.accept(event);
        } catch (RuntimeException e) {
          // One failing consumer must not stop delivery to the others or stall the producers.
          System.getLogger("routemill.events").log(System.Logger.Level.ERROR, "event consumer failed", e);
        }
      }
    }
  }

  /** Delivers what is queued, then stops the dispatcher. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      dispatcher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
