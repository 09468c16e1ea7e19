package io.routemill.app.cli;

import io.routemill.wire.mrt.*;

import io.routemill.app.cli.RoutemillCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs routemill's dump in-process and bgpdump as a process, for comparisons. */
final class MrtDump {
  record Output(byte[] stdout, String stderr, int status) {
    List<String> lines() {
      String text = new String(stdout, StandardCharsets.ISO_8859_1);
      if (text.isEmpty()) return List.of();
      String[] parts = text.split("\n", -1);
      return List.of(parts).subList(0, parts.length - 1);
    }
  }

  private MrtDump() {}

  static Output routemill(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = RoutemillCli.run(List.of("mrt", "dump", file.toString()), o, e);
    }
    return new Output(out.toByteArray(), err.toString(StandardCharsets.UTF_8), status);
  }

  static Output bgpdump(Path bgpdump, Path file) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bgpdump.toString(), "-v", "-m", file.toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (IOException ignored) {
        // the process ended; whatever was read is what it said
      }
    });
    drain.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("bgpdump did not finish on " + file);
    }
    drain.join();
    return new Output(out, err.toString(StandardCharsets.UTF_8), p.exitValue());
  }
}
