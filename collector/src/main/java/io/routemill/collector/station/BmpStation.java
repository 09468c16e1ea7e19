package io.routemill.collector.station;

import io.routemill.collector.rib.Source;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.routemill.collector.station.BmpFrameDecoder;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bmp.PeerHeader;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.query.SessionDirectory;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.ingest.Ingest;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The BMP listener (RFC 7854 §3.2: the router connects to the station). Each connection gets a
 * {@link BmpFrameDecoder} (frames up to {@link BmpFrameDecoder#MAX_FRAME_LENGTH}) and a
 * {@link BmpRouterHandler}; connections are spread over a small event-loop group and never share mutable
 * state except through the thread-safe {@link Rib}, so one bad or slow router cannot affect another.
 */
public final class BmpStation implements SessionDirectory, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("routemill.bmp");

  final Ingest ingest;
  final Clock clock;
  final ProblemLog problems;
  final LongAdder preInitiationMessages = new LongAdder();
  final LongAdder framingErrors = new LongAdder();
  final LongAdder pausedReads = new LongAdder();
  private final String host;
  private final int port;
  private final ConcurrentHashMap<String, Registration> routers = new ConcurrentHashMap<>();
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel server;
  private volatile int boundPort = -1;

  private record Registration(RouterState state, Channel channel) {}

  public BmpStation(String host, int port, Ingest ingest, Clock clock) {
    this.host = host;
    this.port = port;
    this.ingest = ingest;
    this.clock = clock;
    this.problems = new ProblemLog(clock, 60_000);
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
            ch.pipeline().addLast("bmp-frames", new BmpFrameDecoder()).addLast("bmp-router", new BmpRouterHandler(BmpStation.this));
          }
        });
    server = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
    int bound = ((InetSocketAddress) server.localAddress()).getPort();
    boundPort = bound;
    LOG.log(System.Logger.Level.INFO, "BMP station listening on " + host + ":" + bound);
    return bound;
  }

  /** A router that sent its Initiation; a previous connection from the same address is closed (it reconnected). */
  RouterState register(String address, Channel channel) {
    RouterState state = new RouterState(address, clock.instant());
    Registration previous = routers.put(address, new Registration(state, channel));
    if (previous != null && previous.channel != channel) {
      LOG.log(System.Logger.Level.INFO, "router " + address + " reconnected; closing its previous connection");
      previous.channel.close();
    }
    LOG.log(System.Logger.Level.INFO, "router " + address + " connected");
    return state;
  }

  /**
   * The connection of a router closed; returns whether it was the router's current connection (then its tables are
   * to be flushed; a connection replaced by a reconnection leaves them to the new one).
   */
  boolean unregister(RouterState state, Channel channel) {
    if (!routers.remove(state.address, new Registration(state, channel))) return false;
    LOG.log(System.Logger.Level.INFO, "router " + state.address + " disconnected; its tables are flushed");
    return true;
  }

  public List<RouterState> routerStates() {
    List<RouterState> out = new ArrayList<>();
    routers.values().forEach(r -> out.add(r.state));
    return out;
  }

  @Override
  public List<PeerInfo> peers(Rib rib) {
    List<PeerInfo> out = new ArrayList<>();
    java.util.Set<RouterState.MonitoredPeer> withTables = new java.util.HashSet<>();
    for (TableKey key : rib.keys()) {
      Registration r = routers.get(key.router());
      if (r == null || key.source() != Source.BMP) continue;
      RouterState.MonitoredPeer peer = find(r.state, key);
      PeerTable table = rib.find(key);
      if (table == null) continue;
      TableCounts c = table.counts();
      if (peer != null) withTables.add(peer);
      PeerHeader h = peer == null ? null : peer.header;
      out.add(new PeerInfo(key.router(), key.peerAddress(), table.peerAsn(), h == null ? null : bgpId(h.bgpId()),
          key.rib(), Source.BMP.label(), peer == null ? "unknown" : peer.state, peer == null ? null : peer.upSince,
          c.prefixesIpv4(), c.prefixesIpv6(), c.pathsIpv4(), c.pathsIpv6()));
    }
    for (Registration r : routers.values()) {
      for (RouterState.MonitoredPeer peer : r.state.peers.values()) {
        if (withTables.contains(peer)) continue;
        PeerHeader h = peer.header;
        out.add(new PeerInfo(r.state.address, IpAddresses.format(h.peerAddress()), h.asn(), bgpId(h.bgpId()), null,
            Source.BMP.label(), peer.state, peer.upSince, 0, 0, 0, 0));
      }
    }
    return out;
  }

  private static RouterState.MonitoredPeer find(RouterState router, TableKey key) {
    for (RouterState.MonitoredPeer peer : router.peers.values()) {
      PeerHeader h = peer.header;
      if (h.distinguisher() == key.peerDistinguisher()
          && TableKey.canonicalAddress(IpAddresses.format(h.peerAddress())).equals(key.peerAddress())) {
        return peer;
      }
    }
    return null;
  }

  private static String bgpId(long id) {
    return (id >>> 24 & 0xFF) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF);
  }

  @Override
  public List<RouterInfo> routers() {
    List<RouterInfo> out = new ArrayList<>();
    for (Registration r : routers.values()) {
      RouterState s = r.state;
      out.add(new RouterInfo(s.address, s.sysName, s.sysDescr, s.connectedSince, s.messages.snapshot(),
          s.errors.snapshot()));
    }
    out.sort((a, b) -> a.address().compareTo(b.address()));
    return out;
  }

  /** The port it listens on once started (the real one when configured with 0), or -1. */
  public int port() {
    return boundPort;
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
    if (workers != null) workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    if (boss != null) boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
