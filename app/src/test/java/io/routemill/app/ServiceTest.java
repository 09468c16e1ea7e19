package io.routemill.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.app.config.BmpConfig;
import io.routemill.app.config.HttpConfig;
import io.routemill.app.config.RoutemillConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTest {
  private static final RoutemillConfig EPHEMERAL =
      new RoutemillConfig(BmpConfig.DEFAULTS, new HttpConfig(0, "127.0.0.1"));

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private Component component(String name, boolean failToStart) {
    return new Component() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() throws Exception {
        events.add("start " + name);
        if (failToStart) throw new java.io.IOException(name + " cannot bind");
      }

      @Override
      public void close() {
        events.add("close " + name);
      }
    };
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void startsInOrderServesTheQueryAndClosesInReverse() throws Exception {
    Service service = new Service(EPHEMERAL, new EmptyCollectorQuery(),
        List.of(component("a", false), component("b", false)));
    assertEquals(List.of("a", "b", "http"), service.components().stream().map(Component::name).toList());
    service.start();
    try {
      assertEquals(List.of("start a", "start b"), events);
      assertTrue(service.httpPort() > 0);
      assertEquals("200 {\"routers\":[]}", get(service.httpPort(), "/api/v1/routers"));
      assertEquals("200 {\"peers\":[]}", get(service.httpPort(), "/api/v1/peers"));
      assertEquals("200 {\"routes\":[],\"next\":null}", get(service.httpPort(), "/api/v1/routes?prefix=10.0.0.1"));
    } finally {
      service.close();
    }
    assertEquals(List.of("start a", "start b", "close b", "close a"), events);
    service.close(); // idempotent
    assertEquals(4, events.size());
    service.awaitClosed(); // returns at once once closed
  }

  @Test
  void aFailedStartClosesWhatStartedAndThrows() {
    Service service = new Service(EPHEMERAL, new EmptyCollectorQuery(),
        List.of(component("a", false), component("b", true), component("c", false)));
    Exception e = assertThrows(java.io.IOException.class, service::start);
    assertEquals("b cannot bind", e.getMessage());
    assertEquals(List.of("start a", "start b", "close b", "close a"), events);
  }

  @Test
  void httpPortInUseFailsTheStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      RoutemillConfig config = new RoutemillConfig(BmpConfig.DEFAULTS, new HttpConfig(taken.getLocalPort(), "127.0.0.1"));
      Service service = new Service(config, new EmptyCollectorQuery(), List.of(component("a", false)));
      Exception e = assertThrows(Exception.class, service::start);
      assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
      assertEquals(List.of("start a", "close a"), events);
    }
  }

  @Test
  void emptyCollectorHasNothing() {
    EmptyCollectorQuery q = new EmptyCollectorQuery();
    assertEquals(List.of(), q.routers());
    assertEquals(List.of(), q.peers());
    assertEquals(List.of(), q.routes(null).routes());
    assertSame(null, q.routes(null).next());
  }
}
