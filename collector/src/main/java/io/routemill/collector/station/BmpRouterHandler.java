package io.routemill.collector.station;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.ingest.BmpQuirks;
import io.routemill.collector.ingest.Outcome;
import io.routemill.collector.ingest.ReadPause;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.InvalidMessage;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Notification;
import io.routemill.wire.bgp.SessionCapabilities;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bmp.BmpMessage;
import io.routemill.wire.bmp.BmpMessageDecoder;
import io.routemill.wire.bmp.Initiation;
import io.routemill.wire.bmp.InvalidBmpMessage;
import io.routemill.wire.bmp.PeerDown;
import io.routemill.wire.bmp.PeerHeader;
import io.routemill.wire.bmp.PeerUp;
import io.routemill.wire.bmp.PeerUpTable;
import io.routemill.wire.bmp.RouteMonitoring;
import io.routemill.wire.bmp.StatisticsReport;
import io.routemill.wire.bmp.Termination;
import io.routemill.wire.bmp.UnknownBmpMessage;
import java.util.Optional;

/**
 * One BMP connection (RFC 7854 §3.3): frames from {@link BmpFrameDecoder} are decoded, turned into typed
 * {@link RouteEvent}s and handed to the {@link io.routemill.collector.ingest.Ingest} on this connection's event
 * loop, so one router's messages stay in order.
 *
 * <p>Error tiers: a framing error closes this connection only (logged with router and stream offset); a
 * message that cannot be decoded is counted and not applied; the ingest's RFC 7606 decision is counted (an UPDATE
 * worse than treat-as-withdraw is never half-applied). Routers bend the RFCs and are still read: Route Monitoring
 * with no Peer Up (GoBGP's Loc-RIB) is decoded with the per-peer header's context and counted; a Peer Down with no
 * Peer Up (FRR) flushes nothing and is counted; an UPDATE that only decodes with the opposite ADD-PATH setting is
 * applied and counted; the other quirks are corrected in {@link BmpQuirks}. Nothing is read before the Initiation
 * message (§4.3): such a connection creates no router.
 *
 * <p>A connection becomes its address's router at its Initiation, unless a live connection is that router
 * ({@link RouterRegistry}): then it is refused ({@code duplicateRouter: reject}) or waits, ignoring what it sends,
 * for its first Peer Up, which replaces the old connection ({@code replace}). The {@link ConnectionGuard} after it
 * in the pipeline closes the connection for timeouts and errors and records why.
 */
final class BmpRouterHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger("routemill.bmp");
  private final BmpStation station;
  private final PeerUpTable peerUps = new PeerUpTable();
  private final AddPathViews contexts = new AddPathViews(peerUps);
  private final BmpQuirks quirks = new BmpQuirks();
  private final String remote;
  private final int remotePort;
  private final ConnectionGuard guard;
  private ReadPause pause;
  private RouterRegistry.Claim claim;
  private Initiation initiation;
  private RouterState router;
  private long offset;

  BmpRouterHandler(BmpStation station, String remote, int remotePort, ConnectionGuard guard) {
    this.station = station;
    this.remote = remote;
    this.remotePort = remotePort;
    this.guard = guard;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    claim = new RouterRegistry.Claim(remote, remotePort, ctx.channel());
    pause = new ReadPause(station.ingest, ctx.channel(), station.pausedReads);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    long frameOffset = offset;
    offset += frame.readableBytes();
    try {
      BmpMessage message = BmpMessageDecoder.decode(frame, contexts);
      handle(ctx, message, frameOffset);
    } finally {
      frame.release();
    }
  }

  private void handle(ChannelHandlerContext ctx, BmpMessage message, long frameOffset) {
    if (router == null && !becomeRouter(ctx, message, frameOffset)) return;
    dispatch(ctx, message, frameOffset);
  }

  /** Whether this connection is (now) its address's router; see the class comment. */
  private boolean becomeRouter(ChannelHandlerContext ctx, BmpMessage message, long frameOffset) {
    if (!ctx.channel().isActive()) return false; // closed for a refusal, with frames of its last read left
    if (initiation == null) {
      if (!(message instanceof Initiation first)) {
        station.preInitiationMessages.increment();
        station.problems.log(remote, "message before Initiation",
            "type " + message.type() + " at byte " + frameOffset + " ignored (RFC 7854 §4.3: Initiation comes first)");
        return false;
      }
      initiation = first;
      claim.state = new RouterState(remote, station.clock.instant());
      guard.initiated();
    }
    RouterRegistry.Mode mode = station.limits.duplicateRouter() == StationLimits.DuplicateRouter.REJECT
        ? RouterRegistry.Mode.IF_FREE_OR_REFUSE
        : message instanceof PeerUp ? RouterRegistry.Mode.REPLACE : RouterRegistry.Mode.IF_FREE_OR_WAIT;
    RouterRegistry.Result result = station.registry.claim(claim, mode, old -> {
      station.log.record(old.address, old.port, Refusal.REPLACED, "replaced by the connection from port " + remotePort
          + " after its Initiation and Peer Up");
      old.channel.close();
    });
    if (result == RouterRegistry.Result.REFUSED) {
      guard.refuse(ctx.channel(), Refusal.DUPLICATE_ROUTER, "router " + remote + " is connected"
          + " (bmp.duplicateRouter: reject)");
      return false;
    }
    if (result == RouterRegistry.Result.WAITING) {
      if (message != initiation) {
        station.messagesWhileWaiting.increment();
        station.problems.log(remote, "message before takeover", "type " + message.type() + " at byte " + frameOffset
            + " ignored: router " + remote + " is connected; this connection replaces it at its first Peer Up");
      }
      return false;
    }
    guard.becameRouter();
    router = claim.state;
    LOG.log(System.Logger.Level.INFO, "router " + remote + " connected from port " + remotePort);
    contexts.routerIdentified(initiation.sysName());
    if (message != initiation) dispatch(ctx, initiation, 0);
    return true;
  }

  private void dispatch(ChannelHandlerContext ctx, BmpMessage message, long frameOffset) {
    router.messages.increment(typeName(message));
    if (message instanceof RouteMonitoring rm) {
      routeMonitoring(ctx, rm, frameOffset);
    } else if (message instanceof PeerUp up) {
      peerUp(ctx, up);
    } else if (message instanceof PeerDown down) {
      peerDown(ctx, down);
    } else if (message instanceof StatisticsReport stats) {
      router.peer(stats.peer());
      publish(new RouteEvent.Statistics(identity(stats.peer(), view(stats.peer())), now(), stats.stats()));
    } else if (message instanceof Initiation initiation) {
      router.sysName = initiation.sysName();
      router.sysDescr = initiation.sysDescr();
      quirks.routerIdentified(initiation.sysDescr());
      publish(new RouteEvent.RouterUp(router.address, Source.BMP, now(), initiation.sysName(), initiation.sysDescr(),
          initiation.info()));
    } else if (message instanceof Termination) {
      ctx.close();
    } else if (message instanceof InvalidBmpMessage invalid) {
      error(null, "invalid-bmp-message", "at stream byte " + (frameOffset + invalid.offset()) + ": " + invalid.reason());
    } else if (message instanceof UnknownBmpMessage unknown) {
      error(null, "unknown-message-type", "type " + unknown.type() + " at byte " + frameOffset);
    }
  }

  private void routeMonitoring(ChannelHandlerContext ctx, RouteMonitoring rm, long frameOffset) {
    PeerHeader header = rm.peer();
    RouterState.MonitoredPeer peer = router.peer(header);
    if (peerUps.peerUp(header) == null) {
      error(peer, "route-monitoring-without-peer-up", "peer " + IpAddresses.format(header.peerAddress()));
    }
    if (rm.addPathFlipped()) {
      contexts.flip(header);
      error(peer, "add-path-mismatch", "peer " + IpAddresses.format(header.peerAddress())
          + ": UPDATE only decodes with the opposite ADD-PATH setting; applied that way, and so is the rest of this view");
    }
    BgpMessage bgp = rm.update();
    if (!(bgp instanceof Update update)) {
      String detail = bgp instanceof InvalidMessage invalid ? invalid.error().toString() : "BGP type " + bgp.type();
      error(peer, "invalid-bgp-message", "at stream byte " + frameOffset + ": " + detail);
      return;
    }
    PeerIdentity id = identity(header, view(header));
    long now = now();
    if (update.isEndOfRib()) {
      publish(new RouteEvent.EndOfRib(id, now, update.endOfRibFamily(), update.raw(), update.hasPathIds()));
      return;
    }
    BmpQuirks.Corrected c = quirks.correct(id, update, rm.addPathFlipped(),
        (kind, detail) -> error(peer, kind, "at stream byte " + frameOffset + ": " + detail));
    Outcome outcome = claim.apply(station.ingest, new RouteEvent.RouteUpdate(id, now, c.update(), update.raw(),
        c.update().hasPathIds(), c.corrections()));
    if (outcome == null) return;
    if (outcome != Outcome.APPLIED) {
      error(peer, outcome.kind(), "at stream byte " + frameOffset + ": " + BmpQuirks.firstProblem(c.update())
          + (outcome == Outcome.REJECTED ? "; not applied" : ""));
    }
    pause.check();
  }

  private void peerUp(ChannelHandlerContext ctx, PeerUp up) {
    RouterState.MonitoredPeer peer = router.peer(up.peer());
    boolean anotherView = peer.anotherView(up, view(up.peer()));
    peerUps.accept(up);
    contexts.reset(up.peer());
    peer.peerUp = up;
    peer.resetIdentities();
    peer.upSince = station.clock.instant();
    peer.state = "up";
    PeerIdentity id = identity(up.peer(), view(up.peer()));
    quirks.sessionReset(id);
    RouteEvent.PeerUp event = new RouteEvent.PeerUp(id, now(), up.sentOpen(), up.receivedOpen(),
        SessionCapabilities.receiveContext(up.sentOpen(), up.receivedOpen()), 1);
    // the ingest starts the peer's tables afresh (RFC 7854 §4.10), every view unless this only adds a view
    if (anotherView) {
      claim.applyAnotherView(station.ingest, event);
      pause.check();
    } else {
      publish(event);
    }
  }

  private void peerDown(ChannelHandlerContext ctx, PeerDown down) {
    PeerHeader header = down.peer();
    RouterState.MonitoredPeer peer = router.peer(header);
    if (peerUps.peerUp(header) == null) {
      error(peer, "peer-down-without-peer-up", "peer " + IpAddresses.format(header.peerAddress()));
    }
    PeerIdentity id = identity(header, view(header));
    peerUps.accept(down);
    contexts.reset(header);
    quirks.sessionReset(id);
    Optional<Notification> notification = down.notification().filter(Notification.class::isInstance)
        .map(Notification.class::cast);
    // The ingest flushes every view of the peer before the state changes, so /peers never shows a down peer with
    // routes.
    publish(new RouteEvent.PeerDown(id, now(), RouteEvent.DownReason.of(down.reason()), notification,
        down.fsmEventCode() >= 0 ? "FSM event " + down.fsmEventCode() : "", false, 1));
    peer.peerUp = null;
    peer.upViews.clear();
    peer.resetIdentities();
    peer.state = "down";
    peer.upSince = null;
  }

  /** RFC 7854 §4.2 L flag, RFC 8671 O flag, RFC 9069 peer type 3. */
  static RibView view(PeerHeader header) {
    if (header.isLocRib()) return RibView.LOC_RIB;
    if (header.isAdjRibOut()) return header.isPostPolicy() ? RibView.ADJ_OUT_POST : RibView.ADJ_OUT_PRE;
    return header.isPostPolicy() ? RibView.ADJ_IN_POST : RibView.ADJ_IN_PRE;
  }

  /**
   * The identity of a peer in one view, built once per session: the per-peer header's address, AS, BGP identifier
   * and distinguisher, the Peer Up's local address and AS (RFC 7854 §4.10), the A flag's AS-number width.
   */
  private PeerIdentity identity(PeerHeader header, RibView view) {
    RouterState.MonitoredPeer peer = router.peer(header);
    PeerIdentity cached = peer.identities[view.ordinal()];
    boolean fourOctet = !header.isLegacyAsPath();
    if (cached != null && cached.asn() == header.asn() && cached.fourOctetAs() == fourOctet
        && cached.distinguisher() == header.distinguisher()) {
      return cached;
    }
    PeerUp up = peerUps.peerUp(header);
    long id = header.bgpId();
    byte[] bgpId = {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    PeerIdentity built = PeerIdentity.of(router.address, Source.BMP, header.peerAddress(), header.asn(), bgpId,
        header.distinguisher(), view, up == null ? null : up.localAddressBytes(),
        up == null ? 0 : up.sentOpen().effectiveAs(), fourOctet);
    peer.identities[view.ordinal()] = built;
    return built;
  }

  private long now() {
    return station.clock.millis() * 1000;
  }

  private void publish(RouteEvent event) {
    claim.apply(station.ingest, event);
    pause.check();
  }

  private void error(RouterState.MonitoredPeer peer, String kind, String detail) {
    router.errors.increment(kind);
    if (peer != null) peer.errors.increment(kind);
    station.problems.log(router.address, kind, detail);
  }

  private static String typeName(BmpMessage message) {
    switch (message.type()) {
      case BmpMessage.TYPE_ROUTE_MONITORING: return "routeMonitoring";
      case BmpMessage.TYPE_STATISTICS_REPORT: return "statisticsReport";
      case BmpMessage.TYPE_PEER_DOWN: return "peerDown";
      case BmpMessage.TYPE_PEER_UP: return "peerUp";
      case BmpMessage.TYPE_INITIATION: return "initiation";
      case BmpMessage.TYPE_TERMINATION: return "termination";
      case BmpMessage.TYPE_ROUTE_MIRRORING: return "routeMirroring";
      default: return message instanceof InvalidBmpMessage ? "invalid" : "unknown";
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof BmpFramingException || cause.getCause() instanceof BmpFramingException) {
      BmpFramingException f = cause instanceof BmpFramingException b ? b : (BmpFramingException) cause.getCause();
      if (router != null) router.errors.increment("framing");
      station.framingErrors.increment();
      station.problems.log(remote, "framing", "at stream byte " + f.streamOffset() + ": " + f.reason() + "; connection closed");
    } else if (!(cause instanceof FrameBudget.Exceeded)) {
      station.problems.log(remote, "connection", cause + "; connection closed");
    }
    ctx.fireExceptionCaught(cause); // the ConnectionGuard records why and closes
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    station.registry.release(claim);
    if (router != null) LOG.log(System.Logger.Level.INFO, "router " + remote + " port " + remotePort + " disconnected");
    super.channelInactive(ctx);
  }
}
