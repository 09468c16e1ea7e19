package io.routemill.collector.speaker;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.capability.AddPathCapability;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.EnhancedRouteRefreshCapability;
import io.routemill.wire.bgp.capability.ExtendedMessageCapability;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import io.routemill.wire.bgp.capability.GracefulRestartCapability;
import io.routemill.wire.bgp.capability.MultiprotocolCapability;
import io.routemill.wire.bgp.capability.RoleCapability;
import io.routemill.wire.bgp.capability.RouteRefreshCapability;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.query.SessionDirectory;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.station.Counters;
import io.routemill.collector.ingest.Ingest;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The passive BGP route collector (RFC 4271 speaker that never announces): listens for its configured
 * neighbours (and optionally dials them), and feeds what they send into the RIB as {@code source = bgp},
 * {@code router} = the collector's router id, {@code rib = adj-in-pre}. Connections from other addresses get
 * OPEN + NOTIFICATION Cease/Connection Rejected. TCP MD5 (RFC 2385) needs the epoll transport; without it the
 * speaker falls back to NIO and refuses to start if a password is configured.
 */
public final class BgpSpeaker implements SessionDirectory, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("routemill.bgp");

  final BgpSpeakerConfig config;
  final Ingest ingest;
  final Clock clock;
  final String routerName;
  final LongAdder pausedReads = new LongAdder();
  /** Where graceful-restart timers run when set (tests: a virtual-time loop); else the connection's event loop. */
  volatile io.netty.util.concurrent.EventExecutor timerLoop;
  private final Map<InetAddress, Peer> peers = new LinkedHashMap<>();
  private final Counters errors = new Counters();
  private static final long REFUSED_LOG_INTERVAL_MILLIS = 60_000;
  /** Per refused address: when it was last logged, and how many refusals since. */
  private final java.util.concurrent.ConcurrentHashMap<String, long[]> refusedLog =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Counters messages = new Counters();
  private volatile boolean running;
  private volatile Instant startedAt;
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel server;
  private boolean epoll;

  public BgpSpeaker(BgpSpeakerConfig config, Ingest ingest, Clock clock) {
    this.config = config;
    this.ingest = ingest;
    this.clock = clock;
    this.routerName = BgpSpeakerConfig.formatId(config.routerId());
    for (Neighbor n : config.neighbors()) {
      if (peers.putIfAbsent(n.address(), new Peer(n, routerName)) != null) {
        throw new IllegalArgumentException("neighbour " + n.address().getHostAddress() + " configured twice");
      }
    }
  }

  /** Binds the listener, starts active connects, and returns the bound port. */
  public int start() throws InterruptedException {
    boolean md5 = config.neighbors().stream().anyMatch(n -> n.password() != null);
    epoll = Epoll.isAvailable();
    if (md5 && !epoll) {
      throw new IllegalStateException("a TCP MD5 password is configured, but the epoll transport it needs is not "
          + "available (" + Epoll.unavailabilityCause() + ")");
    }
    if (!epoll) LOG.log(Level.INFO, "epoll unavailable (" + Epoll.unavailabilityCause() + "); using NIO");
    boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends ServerChannel> serverClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(serverClass)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            InetAddress remote = ch.remoteAddress() == null ? null : ch.remoteAddress().getAddress();
            ch.pipeline().addLast("bgp", newSession(remote, false));
          }
        });
    Map<InetAddress, byte[]> keys = md5Keys();
    if (!keys.isEmpty()) b.option(EpollChannelOption.TCP_MD5SIG, keys);
    try {
      server = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
    } catch (InterruptedException e) {
      close();
      throw e;
    } catch (Exception e) { // the bind's IOException comes through sync() undeclared
      close();
      // Netty's message lacks the address: name it
      throw new IllegalStateException("BGP cannot listen on " + config.host() + ":" + config.port() + ": " + e, e);
    }
    int bound = ((InetSocketAddress) server.localAddress()).getPort();
    startedAt = clock.instant();
    running = true;
    LOG.log(Level.INFO, "BGP speaker AS " + config.localAs() + " id " + routerName + " listening on " + config.host()
        + ":" + bound + " (" + (epoll ? "epoll" : "nio") + ", " + peers.size() + " neighbours"
        + (keys.isEmpty() ? "" : ", " + keys.size() + " with TCP MD5") + ")");
    for (Peer p : peers.values()) {
      if (p.neighbor.connect()) connect(p);
    }
    return bound;
  }

  private Map<InetAddress, byte[]> md5Keys() {
    Map<InetAddress, byte[]> keys = new LinkedHashMap<>();
    for (Neighbor n : config.neighbors()) {
      if (n.password() != null) keys.put(n.address(), n.password().getBytes(StandardCharsets.US_ASCII));
    }
    return keys;
  }

  /** The handler of a new connection (tests put it into an EmbeddedChannel). */
  BgpSession newSession(InetAddress remote, boolean outbound) {
    return new BgpSession(this, remote == null ? null : peers.get(remote), remote, outbound);
  }

  Peer peer(InetAddress address) {
    return peers.get(address);
  }

  void refused(String remote) {
    errors.increment("unknown-neighbor");
    // at most one line a minute per address (a scanner, or a peer retrying every second, must not flood the log)
    long now = clock.millis();
    long[] seen = refusedLog.computeIfAbsent(remote, k -> new long[] {Long.MIN_VALUE / 2, 0});
    long suppressed;
    synchronized (seen) {
      if (now - seen[0] < REFUSED_LOG_INTERVAL_MILLIS) {
        seen[1]++;
        return;
      }
      suppressed = seen[1];
      seen[0] = now;
      seen[1] = 0;
    }
    if (refusedLog.size() > 10_000) refusedLog.clear(); // bounded: a sweep of many addresses forgets the oldest
    LOG.log(Level.WARNING, "bgp: connection from " + remote + " refused: not a configured neighbour "
        + "(OPEN + NOTIFICATION Cease/Connection Rejected sent)"
        + (suppressed == 0 ? "" : "; " + suppressed + " more from it in the last minute not logged"));
  }

  /** The capabilities of our OPEN (the same for every neighbour except the RFC 9234 role). */
  List<Capability> capabilities(int role) {
    List<Capability> caps = new ArrayList<>();
    caps.add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST));
    caps.add(new MultiprotocolCapability(AfiSafi.IPV6_UNICAST));
    caps.add(new RouteRefreshCapability());
    caps.add(new EnhancedRouteRefreshCapability());
    caps.add(new FourOctetAsCapability(config.localAs()));
    caps.add(new AddPathCapability(List.of(new AddPathCapability.Entry(AfiSafi.IPV4_UNICAST, AddPathCapability.RECEIVE),
        new AddPathCapability.Entry(AfiSafi.IPV6_UNICAST, AddPathCapability.RECEIVE))));
    caps.add(new ExtendedMessageCapability());
    // RFC 4724 §3: no <AFI, SAFI> = we preserve no forwarding state but act as Receiving Speaker; N bit: RFC 8538
    caps.add(new GracefulRestartCapability(GracefulRestartCapability.FLAG_NOTIFICATION, config.restartTime(), List.of()));
    if (role >= 0) caps.add(new RoleCapability(role));
    return caps;
  }

  /**
   * RFC 4271 §6.8 collision detection, when {@code s} has just received a valid OPEN: returns whether {@code s}
   * goes on. A connection in OpenConfirm for the same neighbour loses or wins by BGP Identifier; an Established
   * one wins, unless the peer advertised Graceful Restart, in which case the new connection means the peer
   * restarted (RFC 4724 §4.2) and the old session is treated as failed.
   */
  boolean admit(BgpSession s, Open theirs) {
    Peer peer = peerOf(s);
    synchronized (peer) {
      for (BgpSession other : new ArrayList<>(peer.sessions)) {
        if (other == s) continue;
        BgpState st = other.state();
        if (st == BgpState.ESTABLISHED) {
          Open old = other.theirOpen();
          if (old != null && old.capability(GracefulRestartCapability.class) != null && peer.established == other) {
            LOG.log(Level.INFO, "bgp neighbor " + peer.address + ": new connection while Established; the peer "
                + "restarted (graceful restart), old session closed");
            other.takeOver(s.eventLoop());
            continue;
          }
          s.notify(BgpError.CEASE, Notifications.CEASE_COLLISION, new byte[0],
              "connection collision: a session is already Established");
          return false;
        }
        if (st == BgpState.OPEN_CONFIRM) {
          BgpSession loser;
          if (other.outbound() == s.outbound()) {
            loser = other; // the peer opened a second connection of the same kind: the newer one wins
          } else {
            boolean localLower = Long.compareUnsigned(config.routerId(), theirs.bgpId()) < 0;
            // the lower identifier's side gives up the connection it initiated
            BgpSession ours = s.outbound() ? s : other;
            BgpSession theirsConn = s.outbound() ? other : s;
            loser = localLower ? ours : theirsConn;
          }
          if (loser == s) {
            s.notify(BgpError.CEASE, Notifications.CEASE_COLLISION, new byte[0], "connection collision resolution");
            return false;
          }
          other.notifyLater(BgpError.CEASE, Notifications.CEASE_COLLISION, "connection collision resolution");
        }
      }
      return true;
    }
  }

  private Peer peerOf(BgpSession s) {
    for (Peer p : peers.values()) {
      synchronized (p) {
        if (p.sessions.contains(s)) return p;
      }
    }
    throw new IllegalStateException("session of no neighbour");
  }

  // ---- active connects ----

  void connect(Peer p) {
    if (!running) return;
    synchronized (p) {
      p.reconnect = null;
      if (p.connecting || p.established != null) return;
      for (BgpSession s : p.sessions) if (s.outbound()) return;
      p.connecting = true;
    }
    Bootstrap b = new Bootstrap().group(workers)
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("bgp", newSession(p.neighbor.address(), true));
          }
        });
    if (p.neighbor.password() != null) {
      b.option(EpollChannelOption.TCP_MD5SIG,
          Map.of(p.neighbor.address(), p.neighbor.password().getBytes(StandardCharsets.US_ASCII)));
    }
    InetSocketAddress remote = new InetSocketAddress(p.neighbor.address(), p.neighbor.port());
    // from the listening address when one is configured, so that the peer sees the address it expects
    ChannelFuture f = config.host().equals("0.0.0.0") || config.host().equals("::") ? b.connect(remote)
        : b.connect(remote, new InetSocketAddress(config.host(), 0));
    f.addListener(done -> {
      if (!done.isSuccess()) {
        p.connecting = false;
        LOG.log(Level.DEBUG, () -> "bgp neighbor " + p.address + ": connect failed: " + done.cause());
        scheduleReconnect(p);
      }
    });
  }

  void scheduleReconnect(Peer p) {
    if (!running || !p.neighbor.connect()) return;
    synchronized (p) {
      if (p.reconnect != null) return;
      p.reconnect = workers.next().schedule(() -> connect(p), config.connectRetry(), TimeUnit.SECONDS);
    }
  }

  // ---- directory ----

  @Override
  public List<RouterInfo> routers() {
    if (startedAt == null) return List.of();
    Map<String, Long> msgs = new java.util.TreeMap<>(messages.snapshot());
    for (Peer p : peers.values()) p.messages.snapshot().forEach((k, v) -> msgs.merge(k, v, Long::sum));
    return List.of(new RouterInfo(routerName, "routemill", "routemill BGP collector, AS " + config.localAs(),
        startedAt, msgs, errorCounts()));
  }

  /** Error counters by kind, the speaker's and every neighbour's together. */
  public Map<String, Long> errorCounts() {
    Map<String, Long> errs = new java.util.TreeMap<>(errors.snapshot());
    for (Peer p : peers.values()) p.errors.snapshot().forEach((k, v) -> errs.merge(k, v, Long::sum));
    return errs;
  }

  @Override
  public List<PeerInfo> peers(Rib rib) {
    List<PeerInfo> out = new ArrayList<>();
    for (Peer p : peers.values()) {
      PeerTable t = rib.find(p.key);
      TableCounts c = t == null ? null : t.counts();
      BgpState st = p.state(running);
      long asn = p.peerAs != 0 ? p.peerAs
          : p.neighbor.remoteAs().size() == 1 ? p.neighbor.remoteAs().iterator().next() : 0;
      out.add(new PeerInfo(routerName, p.address, asn, p.bgpId, p.key.rib(), "bgp", st.label(), p.upSince,
          c == null ? 0 : c.prefixesIpv4(), c == null ? 0 : c.prefixesIpv6(), c == null ? 0 : c.pathsIpv4(),
          c == null ? 0 : c.pathsIpv6(), p.neighbor.description(),
          st == BgpState.ESTABLISHED ? p.capabilities : List.of(), p.lastError));
    }
    return out;
  }

  /** The state of one neighbour, for tests and logs. */
  public BgpState state(InetAddress neighbor) {
    Peer p = peers.get(neighbor);
    return p == null ? null : p.state(running);
  }

  /** The last error of one neighbour (a NOTIFICATION sent or received, a hold timer expiry ...), or null. */
  public String lastError(InetAddress neighbor) {
    Peer p = peers.get(neighbor);
    return p == null ? null : p.lastError;
  }

  /** Connections refused because they came from an unconfigured address. */
  public long refusedConnections() {
    return errors.get("unknown-neighbor");
  }

  public long pausedReads() {
    return pausedReads.sum();
  }

  public boolean usesEpoll() {
    return epoll;
  }

  @Override
  public void close() {
    running = false;
    if (server != null) server.close().syncUninterruptibly();
    for (Peer p : peers.values()) {
      for (BgpSession s : p.sessions()) s.shutdown().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    if (workers != null) workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
