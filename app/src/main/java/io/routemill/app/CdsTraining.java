package io.routemill.app;

import io.routemill.app.cli.RoutemillCli;
import io.routemill.app.config.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code routemill cds-training}: what {@code scripts/routemill} runs once after each build under
 * {@code -XX:ArchiveClassesAtExit}, so the JVM dumps the classes routemill's commands load into an AppCDS archive
 * (JEP 350) that every later start maps instead of loading and verifying those classes again. It exercises the
 * start-up paths that matter: the service on loopback with ephemeral ports answering one API request, and
 * {@code mrt dump} of one small MRT file. Not for users; it writes nothing outside a temporary directory.
 */
final class CdsTraining {
  private CdsTraining() {}

  static int run(PrintStream err) {
    try {
      mrtDump();
      service();
      return RoutemillMain.EXIT_OK;
    } catch (Exception e) {
      err.println("routemill: cds training failed: " + e);
      return RoutemillMain.EXIT_START_FAILED;
    }
  }

  private static void service() throws Exception {
    OneLineLogFormat.install(java.util.logging.Level.WARNING);
    Path archive = Files.createTempDirectory("routemill-cds-archive");
    Service service = ServiceAssembly.build(ConfigLoader.fromYaml("cds-training",
        "bmp: {host: 127.0.0.1, port: 0}\nhttp: {host: 127.0.0.1, port: 0}\narchive: {uri: \"" + archive.toUri()
            + "\"}\n")).service();
    try {
      service.start();
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/api/v1/peers", "/api/v1/routers", "/api/v1/routes?prefix=192.0.2.0/24")) {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
    } finally {
      service.close();
      try (var walk = Files.walk(archive)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  private static void mrtDump() throws IOException {
    Path dir = Files.createTempDirectory("routemill-cds");
    Path file = dir.resolve("updates.mrt");
    try {
      Files.write(file, bgp4mpUpdate());
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
      RoutemillCli.run(List.of("mrt", "dump", file.toString()), discard, discard);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** One BGP4MP_ET MESSAGE_AS4 record (RFC 6396 §4.4.3, RFC 8050): an IPv4 UPDATE of 192.0.2.0/24 from AS 64500. */
  private static byte[] bgp4mpUpdate() {
    byte[] attributes = {0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, (byte) 0xFB, (byte) 0xF4, 0x40, 3, 4, (byte) 192, 0, 2, 1};
    byte[] nlri = {24, (byte) 192, 0, 2};
    int updateLength = 19 + 2 + 2 + attributes.length + nlri.length;
    ByteBuffer update = ByteBuffer.allocate(updateLength);
    for (int i = 0; i < 16; i++) update.put((byte) 0xFF);
    update.putShort((short) updateLength).put((byte) 2).putShort((short) 0).putShort((short) attributes.length)
        .put(attributes).put(nlri);
    int bodyLength = 4 + 4 + 4 + 2 + 2 + 4 + 4 + updateLength; // microseconds, ASes, ifindex, AFI, addresses
    ByteBuffer record = ByteBuffer.allocate(12 + bodyLength);
    record.putInt(1_700_000_000).putShort((short) 17).putShort((short) 4).putInt(bodyLength);
    record.putInt(0).putInt(64500).putInt(64501).putShort((short) 0).putShort((short) 1);
    record.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2}).put(update.array());
    return record.array();
  }
}
