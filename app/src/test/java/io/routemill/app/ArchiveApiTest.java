package io.routemill.app;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.archiver.archive.ArchiveIndex;
import io.routemill.archiver.archive.ArchiveSettings;
import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.rib.Rib;
import io.routemill.app.EmptyCollectorQuery;
import io.routemill.app.Service;
import io.routemill.app.config.BmpConfig;
import io.routemill.app.config.HttpConfig;
import io.routemill.app.config.RoutemillConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/archive} and the downloads under {@code /archive/}: listing, filters, types, ranges, traversal. */
class ArchiveApiTest {
  private static final class FixedClock extends Clock {
    volatile Instant now;

    FixedClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void listsAndServesTheArchive(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    Files.createDirectories(root);
    Files.writeString(dir.resolve("secret.txt"), "outside the archive");
    FixedClock clock = new FixedClock(Instant.parse("2025-03-01T07:58:00Z"));
    Archiver archiver = new Archiver(new ArchiveSettings(root.toUri(), "rm00", Duration.ofMinutes(5),
        Duration.ofHours(8), ArchiveSettings.DEFAULT_VIEWS, true), new Rib(), clock);
    archiver.start();
    clock.now = Instant.parse("2025-03-01T08:00:00Z");
    archiver.rotateNow();
    archiver.dumpRibNow();
    clock.now = Instant.parse("2025-03-01T08:05:00Z");
    archiver.rotateNow();
    Files.writeString(root.resolve("rm00/2025.03/.inprogress.updates.20250301.0805.gz.x"), "partial");
    Service service = new Service(new RoutemillConfig(BmpConfig.DEFAULTS, new HttpConfig(0, "127.0.0.1")),
        new EmptyCollectorQuery(), java.util.Optional.of(archiver), List.of());
    service.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + service.httpPort();
      JsonObject all = new JsonObject(get(http, base + "/api/v1/archive").body());
      JsonArray files = all.getJsonArray("files");
      assertEquals(archiver.index().entries().size(), files.size());
      assertEquals(6, files.size(), all.encodePrettily()); // 2 x updates (mrt, parquet), bview, routes part
      JsonObject rib = new JsonObject(get(http, base + "/api/v1/archive?kind=rib&format=mrt").body());
      assertEquals(1, rib.getJsonArray("files").size(), rib.encodePrettily());
      assertEquals("rm00/2025.03/bview.20250301.0800.gz", rib.getJsonArray("files").getJsonObject(0).getString("path"));
      JsonObject later = new JsonObject(get(http, base + "/api/v1/archive?from=2025-03-01T08:00:00Z&kind=updates")
          .body());
      assertEquals(2, later.getJsonArray("files").size(), later.encodePrettily());
      assertEquals(400, get(http, base + "/api/v1/archive?from=yesterday").statusCode());
      assertEquals(400, get(http, base + "/api/v1/archive?colour=red").statusCode());

      for (ArchiveIndex.Entry e : archiver.index().entries()) {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/archive/" + e.path())).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), e.path());
        assertArrayEquals(Files.readAllBytes(root.resolve(e.path())), r.body(), e.path());
        assertEquals(e.path().endsWith(".gz") ? "application/gzip" : "application/vnd.apache.parquet",
            r.headers().firstValue("content-type").orElse(""), e.path());
        assertEquals("bytes", r.headers().firstValue("accept-ranges").orElse(""));
      }
      String bview = "/archive/rm00/2025.03/bview.20250301.0800.gz";
      byte[] whole = Files.readAllBytes(root.resolve("rm00/2025.03/bview.20250301.0800.gz"));
      HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(base + bview))
          .header("Range", "bytes=2-9").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(206, part.statusCode());
      assertArrayEquals(Arrays.copyOfRange(whole, 2, 10), part.body());
      assertEquals("bytes 2-9/" + whole.length, part.headers().firstValue("content-range").orElse(""));
      HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(URI.create(base + bview))
          .header("Range", "bytes=-5").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 5, whole.length), tail.body());
      HttpResponse<byte[]> beyond = http.send(HttpRequest.newBuilder(URI.create(base + bview))
          .header("Range", "bytes=" + whole.length + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(416, beyond.statusCode());
      HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(base + bview))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      assertEquals(200, head.statusCode());
      assertEquals(Long.toString(whole.length), head.headers().firstValue("content-length").orElse(""));
      assertEquals(200, get(http, base + "/archive/index.json").statusCode());

      for (String path : List.of("/archive/../secret.txt", "/archive/%2e%2e/secret.txt", "/archive/rm00/../../secret.txt",
          "/archive/rm00/2025.03/.inprogress.updates.20250301.0805.gz.x", "/archive//etc/passwd",
          "/archive/%2Fetc%2Fpasswd", "/archive/..%2fsecret.txt", "/archive/rm00/2025.03/nothing.gz")) {
        String status = rawStatus(service.httpPort(), path);
        assertTrue(status.contains(" 404 ") || status.contains(" 400 "), path + ": " + status);
      }
    } finally {
      service.close();
      archiver.close();
    }
  }

  /**
   * RFC 9110 §14: a range whose numbers overflow a long is still a valid range (to the end, unsatisfiable, or the
   * whole file), a Range header that does not parse as one is ignored, and a bad percent-encoding is a 400; all of
   * them client errors with a JSON body where there is an error, and none a 500 or a stack trace in the log.
   */
  @Test
  void hugeRangesBadRangesAndBadEncodingsAreAnsweredWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("archive");
    Files.createDirectories(root.resolve("rm00"));
    byte[] whole = new byte[1000];
    for (int i = 0; i < whole.length; i++) whole[i] = (byte) (i * 7);
    Files.write(root.resolve("rm00/file.gz"), whole);
    Archiver archiver = new Archiver(new ArchiveSettings(root.toUri(), "rm00", Duration.ofMinutes(5),
        Duration.ofHours(8), ArchiveSettings.DEFAULT_VIEWS, true), new Rib(), Clock.systemUTC());
    archiver.start();
    Service service = new Service(new RoutemillConfig(BmpConfig.DEFAULTS, new HttpConfig(0, "127.0.0.1")),
        new EmptyCollectorQuery(), java.util.Optional.of(archiver), List.of());
    List<LogRecord> traces = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getThrown() != null || r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
          traces.add(r);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("").addHandler(capture);
    service.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String file = "http://127.0.0.1:" + service.httpPort() + "/archive/rm00/file.gz";
      String huge = "99999999999999999999";
      String all = "bytes 0-999/1000";
      assertRange(http, file, "bytes=0-" + huge, 206, all, whole);
      assertRange(http, file, "bytes=10-" + huge, 206, "bytes 10-999/1000", Arrays.copyOfRange(whole, 10, 1000));
      assertRange(http, file, "bytes=-" + huge, 206, all, whole);
      assertRange(http, file, "bytes=0000000000000000000000000002-3", 206, "bytes 2-3/1000",
          Arrays.copyOfRange(whole, 2, 4));
      for (String ignored : List.of("bytes=abc", "bytes=5-2", "bytes=-", "bytes=", "bytes=0-1,3-4", "items=0-5",
          "bytes=0x10-", "bytes=1-2-3")) {
        assertRange(http, file, ignored, 200, null, whole);
      }
      for (String unsatisfiable : List.of("bytes=" + huge + "-", "bytes=" + huge + "-" + huge + "9", "bytes=1000-",
          "bytes=-0")) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(file)).header("Range", unsatisfiable)
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(416, r.statusCode(), unsatisfiable);
        assertEquals("bytes */1000", r.headers().firstValue("content-range").orElse(""), unsatisfiable);
        assertJsonError(r, 416);
      }
      for (String path : List.of("/archive/%zz", "/archive/rm00/%zz.gz", "/archive/%", "/archive/%e9", "/%zz")) {
        String response = rawResponse(service.httpPort(), path);
        assertTrue(response.startsWith("HTTP/1.1 400 "), path + ": " + response);
        assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("\r\ncontent-type: application/json"),
            path + ": " + response);
        JsonObject e = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4)).getJsonObject("error");
        assertEquals(400, e.getInteger("status"), path);
      }
      assertEquals(List.of(), traces.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
          "no stack trace, no error in the log for a client's error");
    } finally {
      Logger.getLogger("").removeHandler(capture);
      service.close();
      archiver.close();
    }
  }

  private static void assertRange(HttpClient http, String url, String range, int status, String contentRange,
      byte[] body) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", range).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(status, r.statusCode(), range);
    assertEquals(contentRange, r.headers().firstValue("content-range").orElse(null), range);
    assertArrayEquals(body, r.body(), range);
  }

  private static void assertJsonError(HttpResponse<String> r, int status) {
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.toString());
    JsonObject e = new JsonObject(r.body()).getJsonObject("error");
    assertEquals(status, e.getInteger("status"));
    assertTrue(e.containsKey("parameter"));
    assertTrue(!e.getString("message").isBlank());
  }

  /** The whole response to a request path sent exactly as given, the server closing the connection after it. */
  private static String rawResponse(int port, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status line for a request path sent exactly as given (no client-side normalisation). */
  private static String rawStatus(int port, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(!response.contains("outside the archive"), path + " leaked a file outside the archive");
      assertTrue(!response.contains("partial"), path + " served a temporary file");
      return response.substring(0, response.indexOf("\r\n"));
    }
  }
}
