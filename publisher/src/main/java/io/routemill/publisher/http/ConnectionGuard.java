package io.routemill.publisher.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.lang.System.Logger.Level;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the connections of one HTTP server (RFC 9112 §9.3–9.6 let a server close a connection it is not
 * answering on): at most {@link HttpLimits#maxConnections} open (the next one is closed as soon as it is accepted,
 * and counted), and each must complete a request head within {@link HttpLimits#headerTimeout} of opening or of
 * its previous response ending, which closes slow-header ("slowloris") and idle keep-alive connections alike.
 * A request in progress is left to Vert.x's idle timeout. Touched only on the server's event loop.
 */
public final class ConnectionGuard {
  private static final System.Logger LOG = System.getLogger("routemill.api");
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Vertx vertx;
  private final HttpLimits limits;
  private final Map<HttpConnection, Waiting> open = new IdentityHashMap<>();
  private final AtomicInteger openCount = new AtomicInteger();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong headerTimeouts = new AtomicLong();
  private long lastRejectionLog = System.nanoTime() - LOG_EVERY_NANOS;

  public ConnectionGuard(Vertx vertx, HttpLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** The server's connection handler: admits the connection and starts waiting for its first request head. */
  public void connected(HttpConnection c) {
    if (open.size() >= limits.maxConnections()) {
      long n = rejected.incrementAndGet();
      if (System.nanoTime() - lastRejectionLog >= LOG_EVERY_NANOS) {
        lastRejectionLog = System.nanoTime();
        LOG.log(Level.WARNING, "closed a connection from " + c.remoteAddress() + ": " + limits.maxConnections()
            + " open, the most http.maxConnections allows (" + n + " closed so far)");
      }
      c.close();
      return;
    }
    Waiting w = new Waiting(c);
    open.put(c, w);
    openCount.set(open.size());
    c.closeHandler(v -> {
      Waiting gone = open.remove(c);
      openCount.set(open.size());
      if (gone != null) gone.stop();
    });
    w.start();
  }

  /** Every request head, valid or not: the connection has sent one in time. */
  public void requestHead(HttpServerRequest request) {
    Waiting w = open.get(request.connection());
    if (w != null) w.head();
  }

  /** A response on {@code c} has ended: when none is left, the next request head is awaited. */
  public void responded(HttpConnection c) {
    Waiting w = open.get(c);
    if (w != null) w.responded();
  }

  public int openConnections() {
    return openCount.get();
  }

  /** Connections closed at once because {@link HttpLimits#maxConnections} were open. */
  public long rejectedConnections() {
    return rejected.get();
  }

  /** Connections closed because no complete request head came within {@link HttpLimits#headerTimeout}. */
  public long headerTimeouts() {
    return headerTimeouts.get();
  }

  /** One admitted connection: its requests in progress and, when there are none, the header timer. */
  private final class Waiting {
    private final HttpConnection connection;
    private int inProgress;
    private long timer = -1;

    Waiting(HttpConnection connection) {
      this.connection = connection;
    }

    void start() {
      stop();
      timer = vertx.setTimer(limits.headerTimeout().toMillis(), id -> {
        timer = -1;
        headerTimeouts.incrementAndGet();
        connection.close();
      });
    }

    void head() {
      inProgress++;
      stop();
    }

    void responded() {
      if (inProgress > 0 && --inProgress == 0) start();
    }

    void stop() {
      if (timer >= 0) vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
