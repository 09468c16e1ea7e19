package io.routemill.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A real daemon started by a test (a router, a route source): its output goes to a log file in the test's
 * temporary directory, and {@link #stop()} ends it with SIGTERM, then SIGKILL after a bounded wait. Only the
 * process this object started is ever signalled. Also: one-shot CLI commands with captured output
 * ({@link #run}, {@link #runJson}) and free loopback ports ({@link #freePort}).
 */
public final class Daemon implements AutoCloseable {
  /** How long {@link #stop()} waits after SIGTERM before SIGKILL. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final String name;
  private final List<String> command;
  private final Process process;
  private final Path log;

  private Daemon(String name, List<String> command, Process process, Path log) {
    this.name = name;
    this.command = command;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with {@code extraEnv} added to the environment, stdout and stderr both appended
   * to {@code logDir/name.log}.
   */
  public static Daemon start(String name, Path logDir, Map<String, String> extraEnv, List<String> command)
      throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    return new Daemon(name, List.copyOf(command), p, log);
  }

  public static Daemon start(String name, Path logDir, List<String> command) throws IOException {
    return start(name, logDir, Map.of(), command);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The last {@code maxChars} characters of the log, for failure messages. */
  public String logTail(int maxChars) {
    try {
      if (!Files.exists(log)) return "";
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() <= maxChars ? s : "…" + s.substring(s.length() - maxChars);
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Fails the test (with the log tail) if the daemon has exited. */
  public void assertAlive() {
    if (!process.isAlive()) {
      fail(name + " (" + String.join(" ", command) + ") exited with status " + process.exitValue() + "; log:\n"
          + logTail(4000));
    }
  }

  /**
   * SIGTERM, wait up to {@link #STOP_GRACE}, then SIGKILL and wait again (bounded). Idempotent; never throws.
   * Returns the exit status, or -1 if the process could not be reaped.
   */
  public int stop() {
    try {
      if (process.isAlive()) {
        process.destroy(); // SIGTERM
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          System.err.println("testkit: " + name + " (pid " + process.pid() + ") ignored SIGTERM for "
              + STOP_GRACE.toSeconds() + " s; sending SIGKILL");
          process.destroyForcibly();
          if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) return -1;
        }
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return -1;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops each daemon in order (nulls skipped), even if stopping one of them fails. */
  public static void stopAll(Daemon... daemons) {
    for (Daemon d : daemons) {
      if (d == null) continue;
      try {
        d.stop();
      } catch (RuntimeException e) {
        System.err.println("testkit: stopping " + d.name + " failed: " + e);
      }
    }
  }

  // ---- one-shot commands ----

  /** The outcome of a command run by {@link #run}. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** Fails the test, showing the command and its output, unless the exit status is 0. */
    public Result assertOk() {
      if (exitCode != 0) fail(describe());
      return this;
    }

    public String describe() {
      return "`" + String.join(" ", command) + "` exited with " + exitCode + "\nstdout: " + abbreviate(stdout)
          + "\nstderr: " + abbreviate(stderr);
    }

    private static String abbreviate(String s) {
      return s.length() <= 2000 ? s : s.substring(0, 2000) + "… (" + s.length() + " chars)";
    }
  }

  /**
   * Runs a command to completion and captures its output; a command still running after {@code timeout} is
   * killed and reported with exit code -1 (the test decides whether that fails it).
   */
  public static Result run(Duration timeout, List<String> command) {
    Process p;
    try {
      p = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      return new Result(List.copyOf(command), -2, "", "cannot start: " + e);
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    int code;
    try {
      if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        code = p.exitValue();
      } else {
        p.destroyForcibly();
        p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        code = -1;
      }
      return new Result(List.copyOf(command), code, out.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS),
          err.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS) + (code == -1 ? "\n(killed after " + timeout + ")" : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(List.copyOf(command), -1, "", "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      return new Result(List.copyOf(command), -1, "", "output not readable: " + e);
    }
  }

  public static Result run(Duration timeout, String... command) {
    return run(timeout, List.of(command));
  }

  /**
   * Runs a command that prints JSON, fails the test if it does not exit 0, and parses its stdout with
   * {@code parser} (e.g. {@code io.vertx.core.json.JsonObject::new}); a parse failure fails the test with the
   * output.
   */
  public static <T> T runJson(Duration timeout, Function<String, T> parser, List<String> command) {
    Result r = run(timeout, command).assertOk();
    try {
      return parser.apply(r.stdout());
    } catch (RuntimeException e) {
      fail("cannot parse the JSON output of " + r.describe(), e);
      throw new AssertionError("unreachable");
    }
  }

  public static <T> T runJson(Duration timeout, Function<String, T> parser, String... command) {
    return runJson(timeout, parser, List.of(command));
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(read failed: " + e + ")";
    }
  }

  // ---- ports and tools ----

  /**
   * A TCP port that is free on {@code host} right now (bound and released, so another process could still
   * take it before the caller does; good enough on a test machine).
   */
  public static int freePort(String host) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  /** Distinct free ports on {@code host}. */
  public static int[] freePorts(String host, int n) {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < n) {
      int p = freePort(host);
      if (!ports.contains(p)) ports.add(p);
    }
    return ports.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * {@link Interop#require} for a tool known by its absolute path (e.g. {@code /usr/lib/frr/bgpd}, which is not
   * on PATH): returns it if executable; otherwise skips the test with a message naming it, or fails it when
   * {@code ROUTEMILL_INTEROP=required}. A name without a slash is looked up on PATH by {@link Interop#require}.
   */
  public static Path requireExecutable(String tool) {
    if (tool.indexOf('/') < 0) return Interop.require(tool);
    Path path = Path.of(tool);
    if (Files.isExecutable(path)) return path;
    String reason = "interop tool '" + tool + "' is not installed (scripts/install-tools installs it)";
    System.err.println("SKIPPED: " + reason);
    if (Interop.required()) fail(reason + " and ROUTEMILL_INTEROP=required");
    abort(reason);
    throw new AssertionError("unreachable");
  }
}
