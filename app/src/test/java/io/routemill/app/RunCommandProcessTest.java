package io.routemill.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code routemill run} as a real process: config file + flags, one-line logs, and SIGTERM stopping it cleanly. */
class RunCommandProcessTest {
  private static final Pattern STARTED = Pattern.compile("INFO routemill\\.service: started http on 127\\.0\\.0\\.1:(\\d+)$");

  @Test
  void runsUntilSigtermAndLogsEveryStep(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("routemill.yaml");
    Files.writeString(config, "http:\n  host: 127.0.0.1\n  port: 1\nbmp:\n  port: 0\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        RoutemillMain.class.getName(), "run", "--config", config.toString(), "--http-port", "0")
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      Integer port = null;
      for (String line; port == null && (line = r.readLine()) != null; ) {
        lines.add(line);
        Matcher m = STARTED.matcher(line);
        if (m.find()) port = Integer.parseInt(m.group(1));
      }
      assertNotNull(port, () -> "no 'started http' line in:\n" + String.join("\n", lines));
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/routers")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("{\"routers\":[]}", response.body());

      p.toHandle().destroy(); // SIGTERM, leaving our end of its output open
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "routemill did not stop on SIGTERM");
      for (String line; (line = r.readLine()) != null; ) lines.add(line);
    } finally {
      p.destroyForcibly();
    }
    String log = String.join("\n", lines);
    assertTrue(log.contains("INFO routemill.service: stopping http"), log);
    assertTrue(log.contains("INFO routemill.service: stopped http"), log);
    for (String line : lines) {
      assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO|WARN|ERROR|DEBUG) \\S+: .*"),
          () -> "not a one-line log record: " + line);
    }
  }
}
