package io.routemill.app;

import io.routemill.archiver.archive.Archiver;
import io.routemill.collector.query.CollectorQuery;
import io.routemill.app.config.RoutemillConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The running service: starts its components in order (the given ones, then the HTTP API serving
 * {@code query}), closes them in reverse, and logs each step with the component's bound address. If a
 * component fails to start, the ones already started are closed and the failure is thrown.
 */
public final class Service implements AutoCloseable {
  private static final Logger LOG = System.getLogger("routemill.service");

  private final List<Component> components;
  private final HttpComponent http;
  private final List<Component> started = new ArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean closing;

  /**
   * @param components started in this order before the HTTP API (data sources first, so the API never serves
   *     a collector that is not running), closed in reverse after it
   * @param query what the API serves
   */
  public Service(RoutemillConfig config, CollectorQuery query, List<Component> components) {
    this(config, query, Optional.empty(), components);
  }

  /** @param archive the archive the API lists and serves, when the service archives */
  public Service(RoutemillConfig config, CollectorQuery query, Optional<Archiver> archive, List<Component> components) {
    this.http = new HttpComponent(query, archive, config.http());
    List<Component> all = new ArrayList<>(components);
    all.add(http);
    this.components = List.copyOf(all);
  }

  /** Every component in start order; the last is the HTTP API. */
  public List<Component> components() {
    return components;
  }

  /** The HTTP API's port once started (the real one when configured with 0). */
  public int httpPort() {
    return http.port();
  }

  public synchronized void start() throws Exception {
    if (closing || !started.isEmpty()) throw new IllegalStateException("service already started");
    for (Component c : components) {
      LOG.log(Level.INFO, "starting " + c.name());
      try {
        c.start();
      } catch (Exception | Error e) {
        LOG.log(Level.ERROR, c.name() + " failed to start: " + e.getMessage());
        try {
          c.close();
        } catch (RuntimeException closeFailure) {
          e.addSuppressed(closeFailure);
        }
        close();
        throw e;
      }
      started.add(c);
      String address = c.boundAddress();
      LOG.log(Level.INFO, "started " + c.name() + (address == null ? "" : " on " + address));
    }
    LOG.log(Level.INFO, "routemill is running");
  }

  /** Closes the started components in reverse order; idempotent, never throws. */
  @Override
  public synchronized void close() {
    if (closing) return;
    closing = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      Component c = started.get(i);
      LOG.log(Level.INFO, "stopping " + c.name());
      try {
        c.close();
        LOG.log(Level.INFO, "stopped " + c.name());
      } catch (RuntimeException | Error e) {
        LOG.log(Level.ERROR, "stopping " + c.name() + " failed", e);
      }
    }
    started.clear();
    closed.countDown();
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }
}
