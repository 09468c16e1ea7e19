package io.routemill.publisher.api;

import io.routemill.publisher.http.ApiError;
import io.routemill.publisher.http.ConnectionGuard;
import io.routemill.publisher.http.ErrorResponse;
import io.routemill.publisher.http.HttpLimits;
import io.routemill.publisher.http.MalformedRequests;
import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.query.CollectorQuery;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.publisher.archive.ArchiveRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The looking-glass JSON API, the archive and the web page (one route table: {@link #router()}): thin handlers
 * over a {@link CollectorQuery}. Every query runs on a bounded worker pool, never on the event loop; when
 * {@link #MAX_IN_FLIGHT} queries are already waiting the API answers 503 rather than queueing without bound.
 * Every error, ours or Vert.x's (its codec's 400/414/431 too: {@link MalformedRequests}), has the body
 * {@code {"error":{"status":S,"message":"…","parameter":P}}} ({@link ErrorResponse}). Connections are bounded by
 * {@link HttpLimits}: a cap and a header timeout ({@link ConnectionGuard}) and Vert.x's idle timeout.
 */
public final class ApiVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger("routemill.api");

  /** Worker threads running queries. */
  public static final int WORKERS = 4;
  /** Queries running or queued at once before the API answers 503. */
  public static final int MAX_IN_FLIGHT = 64;
  /** Where the web module's files are on the class path. */
  static final String WEB_ROOT = "io/routemill/web";
  /** Every path outside the API, which the web page's files may answer. */
  private static final String NOT_API = "/(?!api(/|$)).*";
  /** The routing context's key marking that {@link #watchEnd} has run. */
  private static final String WATCHED = "routemill.watched";

  private final CollectorQuery query;
  private final Optional<Archiver> archive;
  private final ListenAddress config;
  private final HttpLimits limits;
  private final int workerThreads;
  private final int maxInFlight;
  private WorkerExecutor workers;
  private HttpServer server;
  private ConnectionGuard guard;
  private int inFlight; // touched only on this verticle's event loop

  public ApiVerticle(CollectorQuery query, ListenAddress config) {
    this(query, Optional.empty(), config);
  }

  /** @param archive the archive to list and serve, when the service archives */
  public ApiVerticle(CollectorQuery query, Optional<Archiver> archive, ListenAddress config) {
    this(query, archive, config, HttpLimits.DEFAULTS);
  }

  /** @param limits the connection limits: cap, header and idle timeouts */
  public ApiVerticle(CollectorQuery query, Optional<Archiver> archive, ListenAddress config, HttpLimits limits) {
    this(query, archive, config, limits, WORKERS, MAX_IN_FLIGHT);
  }

  ApiVerticle(CollectorQuery query, ListenAddress config, int workerThreads, int maxInFlight) {
    this(query, Optional.empty(), config, HttpLimits.DEFAULTS, workerThreads, maxInFlight);
  }

  ApiVerticle(CollectorQuery query, Optional<Archiver> archive, ListenAddress config, HttpLimits limits,
      int workerThreads, int maxInFlight) {
    this.query = Objects.requireNonNull(query);
    this.archive = Objects.requireNonNull(archive);
    this.config = Objects.requireNonNull(config);
    this.limits = Objects.requireNonNull(limits);
    this.workerThreads = workerThreads;
    this.maxInFlight = maxInFlight;
  }

  /**
   * The route table: every endpoint. The JSON API under {@code /api/v1/}, the archive when one is configured, and
   * the web page's static files (the web module's {@code io/routemill/web/} on the class path) for every other
   * path, {@code index.html} for {@code /}. Anything unmatched, under {@code /api/} or not, gets the JSON 404; every
   * other error status the JSON body too. The first handler tells the connection guard when each response ends.
   */
  Router router() {
    Router r = Router.router(vertx);
    Archiver archiver = archive.orElse(null);
    r.route().handler(ctx -> {
      watchEnd(ctx);
      ctx.next();
    });
    r.get("/api/v1/routers").handler(ctx -> answer(ctx, Set.of(), () -> ApiJson.routers(query.routers())));
    r.get("/api/v1/peers").handler(ctx -> answer(ctx, Set.of(), () -> ApiJson.peers(query.peers())));
    r.get("/api/v1/routes").handler(ctx -> {
      RouteQuery q = QueryParams.routeQuery(ctx.queryParams());
      answer(ctx, QueryParams.ROUTE_PARAMETERS, () -> ApiJson.routes(query.routes(q)));
    });
    r.get("/api/v1/consumers").handler(ctx -> answer(ctx, Set.of(), () -> ApiJson.consumers(query.consumers())));
    r.get("/api/v1/station").handler(ctx -> answer(ctx, Set.of(), () -> ApiJson.station(query.station())));
    if (archiver != null) {
      r.get("/api/v1/archive").handler(ctx -> ArchiveRoutes.list(ctx, archiver));
      r.get("/archive/*").handler(ctx -> ArchiveRoutes.file(ctx, archiver));
      r.head("/archive/*").handler(ctx -> ArchiveRoutes.file(ctx, archiver));
    }
    StaticHandler web = StaticHandler.create(WEB_ROOT).setMaxAgeSeconds(600);
    // one route for both methods: a file the page lacks then falls through to the 404 (two routes would make it 405)
    r.routeWithRegex(NOT_API).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(web);
    r.route().failureHandler(this::error);
    for (int status = 400; status < 600; status++) r.errorHandler(status, this::error);
    return r;
  }

  @Override
  public Future<?> start() {
    workers = vertx.createSharedWorkerExecutor("routemill-api-" + System.identityHashCode(this), workerThreads,
        60, TimeUnit.SECONDS);
    guard = new ConnectionGuard(vertx, limits);
    Router router = router();
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // no h2c: telling it from HTTP/1.1 waits for the first bytes, and the connection handler with it
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .connectionHandler(guard::connected)
        .invalidRequestHandler(request -> {
          guard.requestHead(request);
          MalformedRequests.answer(request);
        })
        .requestHandler(request -> handle(router, request))
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(() -> workers == null ? Future.succeededFuture() : workers.close());
  }

  /** Every decoded request: a bad path is a 400 here (the router would fail on it with a 500), the rest routed. */
  private void handle(Router router, HttpServerRequest request) {
    guard.requestHead(request);
    if (MalformedRequests.validPath(request.path())) {
      router.handle(request);
    } else {
      request.response().endHandler(v -> guard.responded(request.connection()));
      ErrorResponse.send(request.response(), 400,
          "the request target must be a path (starting with /) in percent-encoded UTF-8", null);
    }
  }

  /** The port the API listens on (useful with port 0); -1 before it is started. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** Connections closed at once because {@code maxConnections} were open; 0 before it is started. */
  public long rejectedConnections() {
    return guard == null ? 0 : guard.rejectedConnections();
  }

  /** Connections closed because no complete request head came within {@code headerTimeout}. */
  public long headerTimeouts() {
    return guard == null ? 0 : guard.headerTimeouts();
  }

  /** Tells the connection guard when this request's response ends, once (the route table's first handler does). */
  private void watchEnd(RoutingContext ctx) {
    if (ctx.get(WATCHED) != null) return;
    ctx.put(WATCHED, Boolean.TRUE);
    HttpServerRequest request = ctx.request();
    ctx.addEndHandler(v -> guard.responded(request.connection()));
  }

  /** Runs {@code work} (the query and its JSON encoding) on the worker pool and sends what it returns. */
  private void answer(RoutingContext ctx, Set<String> parameters, Callable<Buffer> work) {
    QueryParams.check(ctx.queryParams(), parameters);
    if (inFlight >= maxInFlight) {
      throw new ApiError(503, "too many queries in progress; try again shortly", null);
    }
    inFlight++;
    workers.executeBlocking(work, false).onComplete(result -> {
      inFlight--;
      if (result.succeeded()) {
        send(ctx.response(), 200, result.result());
      } else if (result.cause() instanceof IllegalArgumentException e) {
        ctx.fail(400, new ApiError(400, e.getMessage(), null)); // a value the collector cannot serve
      } else {
        ctx.fail(result.cause());
      }
    });
  }

  /** Every failure and unmatched request ends here. */
  private void error(RoutingContext ctx) {
    watchEnd(ctx); // also for a request the router failed before its first handler
    Throwable failure = ctx.failure();
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String message;
    String parameter = null;
    if (failure instanceof ApiError e) {
      status = e.status();
      message = e.getMessage();
      parameter = e.parameter();
    } else if (status == 404) {
      message = "no such endpoint: " + ctx.request().method() + " " + ctx.request().path();
    } else if (status == 405) {
      message = "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
    } else if (status >= 500) {
      status = 500;
      message = "internal error; see the service log";
      LOG.log(Level.ERROR, ctx.request().method() + " " + ctx.request().uri() + " failed", failure);
    } else {
      message = "bad request" + (failure != null && failure.getMessage() != null ? ": " + failure.getMessage() : "");
    }
    ErrorResponse.send(ctx.response(), status, message, parameter);
  }

  private static void send(HttpServerResponse response, int status, Buffer body) {
    if (response.ended() || response.closed()) return;
    response.setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(body);
  }
}
