package io.routemill.app;

import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.query.CollectorQuery;
import io.routemill.publisher.api.ApiVerticle;
import io.routemill.publisher.api.ListenAddress;
import io.routemill.app.config.HttpConfig;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The HTTP server: its own Vert.x instance running {@link ApiVerticle}. */
public final class HttpComponent implements Component {
  private static final long TIMEOUT_SECONDS = 30;

  private final CollectorQuery query;
  private final Optional<Archiver> archive;
  private final HttpConfig config;
  private Vertx vertx;
  private ApiVerticle api;

  public HttpComponent(CollectorQuery query, Optional<Archiver> archive, HttpConfig config) {
    this.query = query;
    this.archive = archive;
    this.config = config;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public void start() throws Exception {
    vertx = Vertx.vertx();
    api = new ApiVerticle(query, archive, new ListenAddress(config.host(), config.port()), config.limits());
    try {
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new Exception("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** The port the API listens on (the real one when configured with 0), or -1 when not started. */
  public int port() {
    return api == null ? -1 : api.actualPort();
  }

  @Override
  public String boundAddress() {
    return config.host() + ":" + port();
  }

  @Override
  public void close() {
    Vertx v = vertx;
    vertx = null;
    if (v == null) return;
    try {
      v.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.getLogger("routemill.http").log(System.Logger.Level.WARNING, "closing Vert.x failed", e);
    }
  }
}
