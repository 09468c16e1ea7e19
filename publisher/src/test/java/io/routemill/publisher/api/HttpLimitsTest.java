package io.routemill.publisher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.publisher.http.HttpLimits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP server's limits, over raw sockets: the header timeout (slowloris, idle keep-alive), the idle timeout,
 * the connection cap, and JSON error bodies for what Vert.x's codec refuses. No test sleeps or measures time: a
 * limit that works closes the socket long before the sockets' read timeout.
 */
@ExtendWith(VertxExtension.class)
class HttpLimitsTest {
  private static final Duration SHORT = Duration.ofMillis(200);
  private static final Duration LONG = Duration.ofSeconds(60);
  /** Far longer than any limit under test, far shorter than a limit not under test. */
  private static final int READ_TIMEOUT_MILLIS = 10_000;
  private static final String ROUTERS = "GET /api/v1/routers HTTP/1.1\r\nHost: x\r\n";

  private final FakeCollectorQuery query = new FakeCollectorQuery(List.of(), List.of(), List.of(), List.of());

  private ApiVerticle start(Vertx vertx, HttpLimits limits) throws Exception {
    ApiVerticle api = new ApiVerticle(query, Optional.empty(), new ListenAddress("127.0.0.1", 0), limits);
    vertx.deployVerticle(api).await(10, TimeUnit.SECONDS);
    return api;
  }

  private static Socket connect(ApiVerticle api) throws IOException {
    Socket s = new Socket("127.0.0.1", api.actualPort());
    s.setSoTimeout(READ_TIMEOUT_MILLIS);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  @Test
  void aRequestHeadThatNeverEndsIsClosedAfterTheHeaderTimeout(Vertx vertx) throws Exception {
    ApiVerticle api = start(vertx, new HttpLimits(SHORT, LONG, 1024));
    try (Socket slow = connect(api)) {
      send(slow, "GET / HTTP/1.1\r\nHost: x\r\n");
      assertEquals(-1, slow.getInputStream().read(), "closed by the server, nothing sent");
    }
    assertEquals(1, api.headerTimeouts());
  }

  /**
   * A request head stops the header timer and the end of its response starts it again. Without measuring time: a
   * slow-header connection opened after the request's has its timer run out later, so the request's connection
   * outlives it only if its own timer was stopped.
   */
  @Test
  void aRequestInProgressIsNotTimedOutAndItsConnectionIsClosedAfterTheHeaderTimeoutOnceAnswered(Vertx vertx)
      throws Exception {
    // long enough for the request head to arrive in time on a busy machine, since here it must
    ApiVerticle api = start(vertx, new HttpLimits(Duration.ofSeconds(1), LONG, 1024));
    query.gate = new CountDownLatch(1); // the query waits: the response does not end
    try (Socket answered = connect(api)) {
      send(answered, ROUTERS + "\r\n");
      try (Socket slow = connect(api)) {
        send(slow, "GET / HTTP/1.1\r\nHost: x\r\n");
        assertEquals(-1, slow.getInputStream().read());
      }
      assertEquals(1, api.headerTimeouts(), "only the slow one");
      query.gate.countDown();
      assertEquals(200, readResponse(answered.getInputStream()).status);
      assertEquals(-1, answered.getInputStream().read(), "closed when no next request head comes");
    }
    assertEquals(2, api.headerTimeouts());
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout(Vertx vertx) throws Exception {
    ApiVerticle api = start(vertx, new HttpLimits(LONG, SHORT, 1024));
    try (Socket silent = connect(api)) {
      assertEquals(-1, silent.getInputStream().read());
    }
    assertEquals(0, api.headerTimeouts(), "the idle timeout closed it, not the header timeout");
  }

  @Test
  void connectionsOverTheCapAreClosedAtOnceAndCounted(Vertx vertx) throws Exception {
    int cap = 3;
    ApiVerticle api = start(vertx, new HttpLimits(LONG, LONG, cap));
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < cap; i++) {
        Socket s = connect(api);
        held.add(s);
        send(s, ROUTERS + "\r\n");
        assertEquals(200, readResponse(s.getInputStream()).status, "within the cap");
      }
      for (int i = 0; i < 2; i++) {
        try (Socket extra = connect(api)) {
          assertEquals(-1, extra.getInputStream().read(), "over the cap: closed at once");
        }
      }
      assertEquals(2, api.rejectedConnections());
      for (Socket s : held) { // the server closes them, so it has counted them closed before the next connection
        send(s, ROUTERS + "Connection: close\r\n\r\n");
        assertEquals(200, readResponse(s.getInputStream()).status);
        assertEquals(-1, s.getInputStream().read());
      }
    } finally {
      for (Socket s : held) s.close();
    }
    Response again = exchange(api, ROUTERS + "Connection: close\r\n\r\n");
    assertEquals(200, again.status, "room again once the others are closed");
    assertEquals(2, api.rejectedConnections());
  }

  @Test
  void whatTheCodecRefusesHasAJsonBody(Vertx vertx) throws Exception {
    ApiVerticle api = start(vertx, HttpLimits.DEFAULTS);
    assertJsonError(exchange(api, "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
    assertJsonError(exchange(api, ROUTERS + "X-Big: " + "b".repeat(9000) + "\r\n\r\n"), 431);
    assertJsonError(exchange(api, ROUTERS + "no colon here\r\n\r\n"), 400);
    assertJsonError(exchange(api, "GET / HTTP/9.x\r\nHost: x\r\n\r\n"), 400);
  }

  @Test
  void everyOtherErrorHasAJsonBodyToo(Vertx vertx) throws Exception {
    ApiVerticle api = start(vertx, HttpLimits.DEFAULTS);
    String close = " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assertJsonError(exchange(api, "GET relative" + close), 400);
    assertJsonError(exchange(api, "GET /api/v1/%zz" + close), 400);
    assertJsonError(exchange(api, "GET /%c3%28" + close), 400);
    assertJsonError(exchange(api, "GET /api/v1/routes?prefix=%zz" + close), 400);
    assertJsonError(exchange(api, "GET /api/v1/nothing" + close), 404);
    assertJsonError(exchange(api, "DELETE /api/v1/routers" + close), 405);
    Response r = exchange(api, "POST /api/v1/routers HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n"
        + "\r\nhello");
    assertJsonError(r, 405);
  }

  private static void assertJsonError(Response r, int status) {
    assertEquals(status, r.status, r::toString);
    assertTrue(r.headers.getOrDefault("content-type", "").startsWith("application/json"), r::toString);
    JsonObject body = new JsonObject(r.body);
    assertEquals(1, body.size(), r::toString);
    JsonObject e = body.getJsonObject("error");
    assertEquals(status, e.getInteger("status"));
    assertFalse(e.getString("message").isBlank());
    assertTrue(e.containsKey("parameter"));
    assertEquals(3, e.size(), r::toString);
  }

  /** A response as read off the socket. */
  private record Response(int status, Map<String, String> headers, String body) {}

  /** Sends {@code request} on a new connection and reads the response until the server closes it. */
  private static Response exchange(ApiVerticle api, String request) throws IOException {
    try (Socket s = connect(api)) {
      send(s, request);
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = all.indexOf("\r\n\r\n");
      assertTrue(end > 0, () -> "no response head: " + all);
      return parse(all.substring(0, end), all.substring(end + 4));
    }
  }

  /** Reads one response with a Content-Length body, leaving the connection open. */
  private static Response readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("closed in the response head: " + head);
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    Response r = parse(text.substring(0, text.length() - 4), "");
    byte[] body = in.readNBytes(Integer.parseInt(r.headers.get("content-length")));
    return new Response(r.status, r.headers, new String(body, StandardCharsets.UTF_8));
  }

  private static Response parse(String head, String body) {
    String[] lines = head.split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
  }
}
