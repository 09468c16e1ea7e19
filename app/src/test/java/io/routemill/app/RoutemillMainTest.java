package io.routemill.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.app.cli.RoutemillCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutemillMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return RoutemillMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noArgumentsPrintsUsage() {
    assertEquals(RoutemillMain.EXIT_USAGE, run());
    assertTrue(err().contains("routemill run") && err().contains("routemill mrt dump"), err());
  }

  @Test
  void helpGoesToStdout() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("routemill run [--config FILE]"));
  }

  @Test
  void everythingButRunGoesToTheExistingCli() {
    assertEquals(RoutemillCli.EXIT_USAGE, run("mrt", "dump"));
    assertEquals(RoutemillCli.EXIT_UNREADABLE, run("mrt", "dump", "/nonexistent/updates.gz"));
    assertEquals(RoutemillCli.EXIT_USAGE, run("bogus"));
  }

  @Test
  void runRejectsBadConfigurationBeforeStartingAnything() {
    assertEquals(RoutemillMain.EXIT_USAGE, run("run", "--http-port", "http"));
    assertTrue(err().contains("command line --http-port: http.port: must be an integer"), err());
    assertEquals(RoutemillMain.EXIT_USAGE, run("run", "--config", "/nonexistent/routemill.yaml"));
    assertTrue(err().contains("/nonexistent/routemill.yaml: no such file"), err());
  }
}
