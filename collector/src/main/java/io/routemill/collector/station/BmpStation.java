package io.routemill.collector.station;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.query.CollectorQuery.StationInfo;
import io.routemill.collector.query.SessionDirectory;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.ingest.Ingest;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The BMP listener (RFC 7854 §3.2: the router connects to the station). Each connection gets a
 * {@link BmpFrameDecoder} (frames up to {@link BmpFrameDecoder#MAX_FRAME_LENGTH}) and a
 * {@link BmpRouterHandler}; connections are spread over a small event-loop group and never share mutable
 * state except through the thread-safe {@link Rib}, so one bad or slow router cannot affect another.
 *
 * <p>BMP has no authentication (RFC 7854 §11), so what a sender can hold is bounded ({@link StationLimits}):
 * admission at accept ({@link ConnectionGate}: allow-list, connection caps), an Initiation timeout and an idle
 * timeout per connection, a station-wide {@link FrameBudget} for unfinished messages, and one owner per router
 * address ({@link RouterRegistry}: {@code duplicateRouter} reject or replace). Every refusal is counted and listed
 * ({@link StationLog}, {@link #station()}).
 */
public final class BmpStation implements SessionDirectory, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("routemill.bmp");

  final Ingest ingest;
  final Clock clock;
  final ProblemLog problems;
  final StationLimits limits;
  final StationLog log;
  final RouterRegistry registry;
  final LongAdder preInitiationMessages = new LongAdder();
  final LongAdder messagesWhileWaiting = new LongAdder();
  final LongAdder framingErrors = new LongAdder();
  final LongAdder pausedReads = new LongAdder();
  private final ConnectionGate gate;
  private final FrameBudget budget;
  private final String host;
  private final int port;
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel server;
  private volatile int boundPort = -1;

  public BmpStation(String host, int port, Ingest ingest, Clock clock) {
    this(host, port, ingest, clock, StationLimits.DEFAULTS);
  }

  public BmpStation(String host, int port, Ingest ingest, Clock clock, StationLimits limits) {
    this.host = host;
    this.port = port;
    this.ingest = ingest;
    this.clock = clock;
    this.limits = limits;
    this.problems = new ProblemLog(clock, 60_000);
    this.log = new StationLog(clock);
    this.registry = new RouterRegistry(ingest, clock);
    this.gate = new ConnectionGate(limits);
    this.budget = new FrameBudget(limits.frameBudget());
  }

  /** Binds and returns the bound port (useful with port 0). */
  public int start() throws InterruptedException {
    boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            admit(ch);
          }
        });
    try {
      server = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
    } catch (InterruptedException e) {
      close();
      throw e;
    } catch (Exception e) { // the bind's IOException comes through sync() undeclared, without the address
      close();
      throw new IllegalStateException("BMP cannot listen on " + host + ":" + port + ": " + e, e);
    }
    int bound = ((InetSocketAddress) server.localAddress()).getPort();
    boundPort = bound;
    LOG.log(System.Logger.Level.INFO, "BMP station listening on " + host + ":" + bound);
    return bound;
  }

  /** Admission at accept, then the pipeline: idle timer, frame decoder (with the budget), router handler, guard. */
  private void admit(SocketChannel ch) {
    InetSocketAddress remote = ch.remoteAddress();
    if (remote == null) { // gone before it could be set up
      ch.close();
      return;
    }
    byte[] raw = remote.getAddress().getAddress();
    String address = IpAddresses.format(raw);
    Refusal refused = gate.admit(address, raw);
    String detail = refused == null ? null : gate.describe(refused);
    if (refused == null && limits.duplicateRouter() == StationLimits.DuplicateRouter.REJECT
        && registry.ownedByLive(address)) {
      gate.leave(address);
      refused = Refusal.DUPLICATE_ROUTER;
      detail = "router " + address + " is connected (bmp.duplicateRouter: reject)";
    }
    if (refused != null) {
      log.record(address, remote.getPort(), refused, detail);
      ch.close();
      return;
    }
    ch.closeFuture().addListener(f -> gate.leave(address));
    ConnectionGuard guard = new ConnectionGuard(log, limits, address, remote.getPort());
    ch.pipeline()
        .addLast("bmp-idle", new IdleStateHandler(false, limits.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast("bmp-frames", new BmpFrameDecoder(BmpFrameDecoder.MAX_FRAME_LENGTH, budget))
        .addLast("bmp-router", new BmpRouterHandler(this, address, remote.getPort(), guard))
        .addLast("bmp-guard", guard);
  }

  public List<RouterState> routerStates() {
    List<RouterState> out = new ArrayList<>();
    for (RouterRegistry.Claim c : registry.owners()) out.add(c.state);
    return out;
  }

  @Override
  public List<PeerInfo> peers(Rib rib) {
    return RouterDirectory.peers(registry, rib);
  }

  @Override
  public List<RouterInfo> routers() {
    return RouterDirectory.routers(registry);
  }

  /** Open connections, refusals by reason and the latest refusals. */
  @Override
  public Optional<StationInfo> station() {
    return Optional.of(stationInfo());
  }

  public StationInfo stationInfo() {
    return log.info(gate.open());
  }

  /** Bytes of unfinished messages all connections hold now ({@link StationLimits#frameBudget}). */
  public long heldFrameBytes() {
    return budget.held();
  }

  /** The port it listens on once started (the real one when configured with 0), or -1. */
  public int port() {
    return boundPort;
  }

  /**
   * Messages received, and ignored, on connections that sent an Initiation from the address of a live router and
   * wait for their first Peer Up to replace it.
   */
  public long messagesWhileWaiting() {
    return messagesWhileWaiting.sum();
  }

  /** Messages received on connections that never sent an Initiation (ignored). */
  public long preInitiationMessages() {
    return preInitiationMessages.sum();
  }

  public long framingErrors() {
    return framingErrors.sum();
  }

  /** How often a router's reads were paused for backpressure. */
  public long pausedReads() {
    return pausedReads.sum();
  }

  @Override
  public void close() {
    if (server != null) server.close().syncUninterruptibly();
    if (workers != null) workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
