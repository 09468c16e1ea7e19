package io.routemill.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.app.config.ConfigLoader;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.collector.stream.Subscriber;
import io.routemill.testkit.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled service: every consumer has its own queue, a slow one delays the others by no more than its queue
 * and pauses the sources, nothing is lost, and each consumer's lag is visible at {@code /api/v1/consumers}.
 */
class ServiceAssemblyTest {
  private static final Duration T = Duration.ofSeconds(30);
  private static final PeerIdentity PEER = PeerIdentity.of("192.0.2.1", Source.BMP, new byte[] {(byte) 192, 0, 2, 10},
      65010, new byte[] {10, 0, 0, 10}, 0, RibView.ADJ_IN_PRE, new byte[] {(byte) 192, 0, 2, 1}, 65000, true);

  @Test
  void aSlowConsumerHoldsOnlyItsOwnQueueAndItsLagIsVisible(@TempDir Path dir) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong slowSeen = new AtomicLong();
    Subscriber<RouteEvent> slow = Subscriber.of("slow", e -> {
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      slowSeen.incrementAndGet();
    }, 1000);
    String yaml = "bmp: {host: 127.0.0.1, port: 0}\nhttp: {host: 127.0.0.1, port: 0}\narchive:\n  uri: "
        + dir.toUri() + "\n";
    ServiceAssembly.Parts parts = ServiceAssembly.build(ConfigLoader.fromYaml("t.yaml", yaml), Clock.systemUTC(),
        List.of(slow));
    parts.service().start();
    try {
      long t = System.currentTimeMillis() * 1000;
      int n = 0;
      while (!parts.ingest().backlogged()) {
        parts.ingest().apply(new RouteEvent.StateChange(PEER, t + n, 2, 3));
        n++;
      }
      int published = n;
      assertEquals(1000, published, "the sources are told to pause exactly at the slow consumer's high water");
      // the archiver's queue drains although the slow consumer holds everything it was given
      Await.until(() -> parts.archiver().orElseThrow().events() == published, T,
          () -> "archived " + parts.archiver().orElseThrow().events() + " of " + published);
      JsonArray consumers = get(parts, "/api/v1/consumers").getJsonArray("consumers");
      assertEquals(2, consumers.size(), consumers::encode);
      JsonObject archiver = consumers.getJsonObject(0);
      JsonObject held = consumers.getJsonObject(1);
      assertEquals("archiver", archiver.getString("name"));
      assertEquals(0, archiver.getLong("queued"));
      assertEquals(published, archiver.getLong("delivered"));
      assertEquals("slow", held.getString("name"));
      assertEquals(published, held.getLong("queued"));
      assertEquals(1000, held.getLong("capacity"));
      assertTrue(held.getLong("pausedProducers") >= 1, held::encode);
      AtomicBoolean resumed = new AtomicBoolean();
      parts.ingest().whenWritable(() -> resumed.set(true));
      assertFalse(resumed.get());
      release.countDown();
      Await.until(() -> resumed.get() && slowSeen.get() == published, T, () -> "slow consumer at " + slowSeen.get());
      assertFalse(parts.ingest().backlogged());
    } finally {
      release.countDown();
      parts.service().close();
    }
  }

  private static JsonObject get(ServiceAssembly.Parts parts, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + parts.service().httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }
}
