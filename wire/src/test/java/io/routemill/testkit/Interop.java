package io.routemill.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gate for tests that need a real external tool (bgpdump, tshark, routers). A missing tool skips the test
 * with a message naming it, or fails it when {@code ROUTEMILL_INTEROP=required}.
 */
public final class Interop {
  private Interop() {}

  public static boolean required() {
    return "required".equalsIgnoreCase(System.getenv("ROUTEMILL_INTEROP"));
  }

  /** The absolute path of {@code command} on PATH; skips or fails the calling test when it is missing. */
  public static Path require(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) return candidate;
    }
    String reason = "interop tool '" + command + "' is not installed (scripts/install-tools installs it)";
    System.err.println("SKIPPED: " + reason);
    if (required()) fail(reason + " and ROUTEMILL_INTEROP=required");
    abort(reason);
    throw new AssertionError("unreachable");
  }
}
