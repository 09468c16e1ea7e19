package io.routemill.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging on stderr, one line per record: {@code 2025-01-31T12:00:00.123Z INFO routemill.service:
 * started http on 0.0.0.0:8080}. A stack trace, if any, follows on indented lines. System.Logger, Vert.x and
 * Netty all log through java.util.logging here.
 */
public final class OneLineLogFormat extends Formatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Makes the JVM's LogManager one that keeps logging during shutdown (the standard one drops every handler in
   * its own shutdown hook, racing ours, so "stopping …" lines would be lost). Call before anything logs; if
   * logging is already initialised this has no effect and shutdown lines may be lost.
   */
  public static void keepLoggingDuringShutdown() {
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
    }
  }

  /**
   * A LogManager that ignores {@link #reset}, which the JVM calls from its own shutdown hook, in parallel with
   * ours. {@link #install} resets it explicitly.
   */
  public static final class ShutdownSafeLogManager extends LogManager {
    @Override
    public void reset() {}

    void resetNow() {
      super.reset();
    }
  }

  /** Replaces the JVM's logging setup with one stderr handler using this format, at {@code level}. */
  public static void install(Level level) {
    LogManager manager = LogManager.getLogManager();
    if (manager instanceof ShutdownSafeLogManager safe) {
      safe.resetNow();
    } else {
      manager.reset();
    }
    Logger root = Logger.getLogger("");
    Handler handler = new ConsoleHandler(); // System.err, flushed after every record
    handler.setFormatter(new OneLineLogFormat());
    handler.setLevel(level);
    root.addHandler(handler);
    root.setLevel(level);
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
        .append(level(r.getLevel())).append(' ')
        .append(r.getLoggerName()).append(": ")
        .append(formatMessage(r).replace('\n', ' '));
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      sb.append(" | ").append(r.getThrown()).append('\n');
      for (String line : trace.toString().split("\n")) {
        if (!line.isEmpty() && !line.equals(r.getThrown().toString())) sb.append("    ").append(line.strip()).append('\n');
      }
      return sb.toString();
    }
    return sb.append('\n').toString();
  }

  private static String level(Level l) {
    if (l.intValue() >= Level.SEVERE.intValue()) return "ERROR";
    if (l.intValue() >= Level.WARNING.intValue()) return "WARN";
    if (l.intValue() >= Level.INFO.intValue()) return "INFO";
    return "DEBUG";
  }
}
