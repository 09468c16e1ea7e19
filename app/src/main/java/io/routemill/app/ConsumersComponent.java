package io.routemill.app;

import io.routemill.collector.stream.ConsumerStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The event stream and its consumers (the archiver; later RPKI validation, detectors, the live stream, Kafka) as
 * one service component. Started before the sources, so no event finds a consumer closed; closed after them: the
 * stream delivers what it holds first, then each consumer closes (the archiver publishes its current interval).
 */
final class ConsumersComponent implements Component {
  private final ConsumerStream stream;
  private final List<Component> consumers;
  private final List<Component> started = new ArrayList<>();

  ConsumersComponent(ConsumerStream stream, List<Component> consumers) {
    this.stream = stream;
    this.consumers = List.copyOf(consumers);
  }

  @Override
  public String name() {
    return "consumers";
  }

  @Override
  public void start() throws Exception {
    for (Component c : consumers) {
      c.start();
      started.add(c);
    }
  }

  @Override
  public void close() {
    try {
      stream.close();
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (RuntimeException e) {
          System.getLogger("routemill.service").log(System.Logger.Level.ERROR, "closing " + started.get(i).name()
              + " failed", e);
        }
      }
      started.clear();
    }
  }

  @Override
  public String boundAddress() {
    List<String> parts = new ArrayList<>();
    for (Component c : consumers) {
      String a = c.boundAddress();
      parts.add(c.name() + (a == null ? "" : " " + a));
    }
    return String.join(", ", parts);
  }
}
