package io.routemill.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BMP stream into the real service: {@code scripts/routemill run} started as its own process with archiving
 * on (MRT updates and Parquet into a scratch directory), the stream sent over loopback TCP, and the clock stopped
 * when {@code GET /api/v1/peers} counts every path, i.e. when every path is queryable. What a router and an
 * operator see, JVM start excluded (the service is listening before the first byte).
 */
final class ServiceBench {
  private static final Pattern PATHS = Pattern.compile("\"paths\":\\{\"ipv4\":(\\d+),\"ipv6\":(\\d+)}");

  private ServiceBench() {}

  /** Returns the seconds from the first byte until every path is queryable, or -1 if it stalled. */
  static double run(Path root, Path stream, long paths, Path scratch) throws IOException, InterruptedException {
    int bmpPort = freePort();
    int httpPort = freePort();
    Path archive = scratch.resolve("service-archive");
    deleteTree(archive);
    Path config = scratch.resolve("service-bench.yaml");
    Files.writeString(config, "bmp: {host: 127.0.0.1, port: " + bmpPort + "}\n"
        + "http: {host: 127.0.0.1, port: " + httpPort + "}\n"
        + (Boolean.parseBoolean(System.getProperty("bench.archive", "true"))
            ? "archive: {uri: \"" + archive.toUri() + "\", gzipLevel: " + Integer.getInteger("bench.gzipLevel", 6)
                + "}\n" : ""));
    ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/routemill").toString(), "run", "--config",
        config.toString()).redirectErrorStream(true).redirectOutput(scratch.resolve("service-bench.log").toFile());
    pb.environment().putIfAbsent("JAVA_OPTS", "-Xmx12g");
    Process service = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    URI peers = URI.create("http://127.0.0.1:" + httpPort + "/api/v1/peers");
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (queryablePaths(http, peers) < 0) {
        if (!service.isAlive() || System.nanoTime() > deadline) {
          System.out.println("service did not start; see " + scratch.resolve("service-bench.log"));
          return -1;
        }
        Thread.sleep(50);
      }
      long start = System.nanoTime();
      // the router stays connected: a disconnect would flush its tables (RFC 7854 §5)
      try (SocketChannel router = connect(bmpPort)) {
        transfer(stream, router);
        return awaitQueryable(http, peers, paths, start);
      }
    } finally {
      service.destroy();
      if (!service.waitFor(60, TimeUnit.SECONDS)) service.destroyForcibly();
    }
  }

  private static double awaitQueryable(HttpClient http, URI peers, long paths, long start)
      throws InterruptedException {
    long seen = -1;
    long lastProgress = System.nanoTime();
    while (true) {
      long now = queryablePaths(http, peers);
      if (now >= paths) break;
      if (now != seen) {
        seen = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
        System.out.printf("service stalled at %,d of %,d paths%n", now, paths);
        return -1;
      }
      Thread.sleep(Long.getLong("poll", 5));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds to move the stream over loopback into a reader that discards it: the physical floor. */
  static double rawLoopback(Path stream) throws IOException, InterruptedException {
    try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      long size = Files.size(stream);
      long[] received = new long[1];
      Thread reader = new Thread(() -> {
        try (Socket s = server.accept()) {
          byte[] buf = new byte[1 << 20];
          int n;
          while ((n = s.getInputStream().read(buf)) > 0) received[0] += n;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      reader.start();
      long start = System.nanoTime();
      send(stream, server.getLocalPort());
      reader.join();
      if (received[0] != size) throw new IOException("received " + received[0] + " of " + size + " bytes");
      return (System.nanoTime() - start) / 1e9;
    }
  }

  static void send(Path stream, int port) throws IOException {
    try (SocketChannel socket = connect(port)) {
      transfer(stream, socket);
    }
  }

  private static SocketChannel connect(int port) throws IOException {
    return SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
  }

  private static void transfer(Path stream, SocketChannel socket) throws IOException {
    try (FileChannel file = FileChannel.open(stream, StandardOpenOption.READ)) {
      long sent = 0;
      long size = file.size();
      while (sent < size) sent += file.transferTo(sent, size - sent, socket);
    }
  }

  /** Paths the API counts over all peers, or -1 while it does not answer. */
  private static long queryablePaths(HttpClient http, URI peers) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(peers).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) return -1;
      long n = 0;
      Matcher m = PATHS.matcher(r.body().replace(" ", ""));
      while (m.find()) n += Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
      return n;
    } catch (IOException e) {
      return -1;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

}
