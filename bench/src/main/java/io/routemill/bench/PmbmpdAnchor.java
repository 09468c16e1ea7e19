package io.routemill.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The anchor for {@code scripts/bench collector}: pmacct's BMP collector {@code pmbmpd} (Debian package pmacct)
 * fed the same stream over loopback, logging every route as JSON to a file (its usual way to hand routes on).
 * The clock stops when the log holds a line for every path; pmbmpd writes one line per prefix.
 */
final class PmbmpdAnchor {
  static final Path PMBMPD = Path.of("/usr/sbin/pmbmpd");

  private PmbmpdAnchor() {}

  /** Seconds from the first byte until pmbmpd logged {@code paths} routes, or -1 (missing, or stalled). */
  static double run(Path stream, long paths, Path scratch) throws IOException, InterruptedException {
    if (!Files.isExecutable(PMBMPD)) {
      System.out.println("pmbmpd: not installed (apt-get install pmacct), no anchor");
      return -1;
    }
    int port = ServiceBench.freePort();
    Path log = scratch.resolve("pmbmpd-routes.json");
    Files.deleteIfExists(log);
    Path config = scratch.resolve("pmbmpd.conf");
    Files.writeString(config, "daemonize: false\nbmp_daemon_ip: 127.0.0.1\nbmp_daemon_port: " + port + "\n"
        + "bmp_daemon_msglog_file: " + log + "\nbmp_daemon_msglog_output: json\n");
    Process pmbmpd = new ProcessBuilder(PMBMPD.toString(), "-f", config.toString()).redirectErrorStream(true)
        .redirectOutput(scratch.resolve("pmbmpd.out").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!listening(port)) {
        if (!pmbmpd.isAlive() || System.nanoTime() > deadline) {
          System.out.println("pmbmpd did not start; see " + scratch.resolve("pmbmpd.out"));
          return -1;
        }
        Thread.sleep(20);
      }
      long start = System.nanoTime();
      ServiceBench.send(stream, port);
      long lines = 0;
      long position = 0;
      long lastProgress = System.nanoTime();
      byte[] buf = new byte[1 << 20];
      while (lines < paths) {
        long before = lines;
        if (Files.exists(log)) {
          try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(position);
            int n;
            while ((n = in.read(buf)) > 0) {
              position += n;
              for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
            }
          }
        }
        if (lines != before) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
          System.out.printf("pmbmpd stalled at %,d of %,d routes logged%n", lines, paths);
          return -1;
        }
        Thread.sleep(5);
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pmbmpd.destroy();
      if (!pmbmpd.waitFor(30, TimeUnit.SECONDS)) pmbmpd.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static boolean listening(int port) {
    try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
      return probe.isConnected();
    } catch (IOException notYet) {
      return false;
    }
  }
}
