package io.routemill.collector.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BufferedEventStreamTest {
  private static final PeerIdentity PEER = PeerIdentity.of("192.0.2.1", Source.BMP, new byte[] {(byte) 192, 0, 2, 2},
      65001, new byte[] {10, 0, 0, 2}, 0, RibView.ADJ_IN_PRE, new byte[] {(byte) 192, 0, 2, 1}, 65000, true);

  private static RouteEvent event(int n) {
    return new RouteEvent.StateChange(PEER, n, 1, 6);
  }

  @Test
  void slowConsumerPausesProducerAndLosesNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
    BufferedEventStream stream = new BufferedEventStream(10, 2, List.of(e -> {
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      delivered.add(e.receivedAtMicros());
    }));
    int published = 0;
    boolean writable = true;
    while (writable) writable = stream.publish(event(published++));
    assertTrue(published >= 10 && published <= 11, "paused at the high-water mark, after " + published);

    CountDownLatch resumed = new CountDownLatch(1);
    AtomicBoolean resumedEarly = new AtomicBoolean(stream.queued() <= 2);
    stream.whenWritable(resumed::countDown);
    assertFalse(resumedEarly.get());
    assertEquals(1, resumed.getCount(), "not resumed while the consumer is stuck");

    release.countDown();
    assertTrue(resumed.await(10, TimeUnit.SECONDS), "resumed once drained below the low-water mark");
    stream.close();
    assertEquals(published, delivered.size(), "every event delivered");
    for (int i = 0; i < published; i++) assertEquals(i, delivered.get(i), "in order");
  }

  @Test
  void failingConsumerDoesNotStopOthers() {
    List<RouteEvent> seen = Collections.synchronizedList(new ArrayList<>());
    BufferedEventStream stream = new BufferedEventStream(100, 10, List.of(e -> {
      throw new IllegalStateException("broken consumer");
    }, seen::add));
    for (int i = 0; i < 5; i++) stream.publish(event(i));
    stream.close();
    assertEquals(5, seen.size());
  }
}
