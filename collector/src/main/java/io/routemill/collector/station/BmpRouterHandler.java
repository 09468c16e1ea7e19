package io.routemill.collector.station;

import io.routemill.collector.rib.Source;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.InvalidMessage;
import io.routemill.wire.bgp.Rfc7606Action;
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
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.stream.RouteEvent;
import java.net.InetSocketAddress;

/**
 * One BMP connection (RFC 7854 §3.3): frames from {@link io.routemill.collector.station.BmpFrameDecoder} are decoded
 * and applied to the RIB on this connection's event loop, so one router's messages stay in order.
 *
 * <p>Error tiers: a framing error closes this connection only (logged with router and stream offset); a
 * message that cannot be decoded, or an UPDATE whose RFC 7606 action is worse than treat-as-withdraw, is
 * counted and not applied (never half-applied); attribute problems follow RFC 7606 inside the RIB. Routers
 * bend the RFCs and are still read: Route Monitoring with no Peer Up (GoBGP's Loc-RIB) is decoded with the
 * per-peer header's context and counted as a protocol violation; a Peer Down with no Peer Up (FRR) flushes
 * nothing and is counted; an UPDATE that only decodes with the opposite ADD-PATH setting is applied and
 * counted. Nothing is read before the Initiation message (§4.3): such a connection creates no router.
 */
final class BmpRouterHandler extends ChannelInboundHandlerAdapter {
  private final BmpStation station;
  private final PeerUpTable peerUps = new PeerUpTable();
  private final AddPathViews contexts = new AddPathViews(peerUps);
  private RouterState router;
  private String remote = "?";
  private long offset;
  private boolean paused;

  BmpRouterHandler(BmpStation station) {
    this.station = station;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
      remote = IpAddresses.format(a.getAddress().getAddress());
    }
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
    if (router == null) {
      if (!(message instanceof Initiation initiation)) {
        station.preInitiationMessages.increment();
        station.problems.log(remote, "message before Initiation",
            "type " + message.type() + " at byte " + frameOffset + " ignored (RFC 7854 §4.3: Initiation comes first)");
        return;
      }
      router = station.register(remote, ctx.channel());
      router.sysName = initiation.sysName();
      router.sysDescr = initiation.sysDescr();
      contexts.routerIdentified(initiation.sysName());
    }
    router.messages.increment(typeName(message));
    if (message instanceof RouteMonitoring rm) {
      routeMonitoring(ctx, rm, frameOffset);
    } else if (message instanceof PeerUp up) {
      peerUp(ctx, up);
    } else if (message instanceof PeerDown down) {
      peerDown(ctx, down);
    } else if (message instanceof StatisticsReport) {
      router.peer(((StatisticsReport) message).peer());
    } else if (message instanceof Initiation initiation) {
      router.sysName = initiation.sysName();
      router.sysDescr = initiation.sysDescr();
    } else if (message instanceof Termination) {
      ctx.close();
    } else if (message instanceof InvalidBmpMessage invalid) {
      error(null, "invalid-bmp-message", "at byte " + (frameOffset + invalid.offset()) + ": " + invalid.reason());
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
    if (!(bgp instanceof Update decoded)) {
      String detail = bgp instanceof InvalidMessage invalid ? invalid.error().toString() : "BGP type " + bgp.type();
      error(peer, "invalid-bgp-message", "at byte " + frameOffset + ": " + detail);
      return;
    }
    Update update = decoded;
    if (onlyMissingWellKnown(update)) {
      // The monitored views are the router's own tables: a post-policy or Loc-RIB route the router originated
      // or rewrote may have no NEXT_HOP (6WIND/FRR send them so). RFC 7606 §3 treat-as-withdraw protects a
      // speaker's RIB from a peer; a monitoring station must mirror the router's table, so it records the
      // route as reported, and counts the omission.
      error(peer, "missing-well-known-attribute", "at byte " + frameOffset + ": " + firstProblem(update)
          + "; recorded as the router reported it");
      update = withoutMissingWellKnown(update);
    }
    Rfc7606Action action = update.action();
    if (action.compareTo(Rfc7606Action.TREAT_AS_WITHDRAW) > 0) {
      error(peer, "malformed-update", "at byte " + frameOffset + ": " + firstProblem(update) + "; not applied");
      return;
    }
    if (action == Rfc7606Action.TREAT_AS_WITHDRAW) {
      error(peer, "treat-as-withdraw", "at byte " + frameOffset + ": " + firstProblem(update));
    } else if (action == Rfc7606Action.ATTRIBUTE_DISCARD) {
      error(peer, "attribute-discard", "at byte " + frameOffset + ": " + firstProblem(update));
    }
    RibView view = view(header);
    update = correctOwnAsPrepend(peer, header, view, update);
    PeerTable table = station.rib.table(tableKey(header, view));
    table.setPeerAsn(header.asn());
    long now = station.clock.millis();
    table.apply(update, now);
    publish(ctx, new RouteEvent.Update(session(header, view), now * 1000, update.raw(), !header.isLegacyAsPath(),
        update.hasPathIds()));
  }

  private Update correctOwnAsPrepend(RouterState.MonitoredPeer peer, PeerHeader header, RibView view, Update update) {
    PeerUp up = peerUps.peerUp(header);
    long localAs = up == null ? 0 : up.sentOpen().effectiveAs();
    boolean adjRibIn = view == RibView.ADJ_IN_PRE || view == RibView.ADJ_IN_POST;
    if (!peer.correctOwnAsPrepend || !FrrOwnAsPrepend.applies(router.sysDescr, adjRibIn, header.asn(), localAs)
        || update.attributes().asPath() == null) {
      return update;
    }
    if (FrrOwnAsPrepend.contradicts(update, localAs)) {
      peer.correctOwnAsPrepend = false;
      station.problems.log(router.address, "own-as-prepend", "peer " + IpAddresses.format(header.peerAddress())
          + " sent a route without the router's AS " + localAs + " in front: no correction for this peer");
      return update;
    }
    if (update.announced().isEmpty() && (update.attributes().mpReach() == null
        || update.attributes().mpReach().routes().isEmpty())) {
      return update;
    }
    router.errors.increment("own-as-prepended");
    return FrrOwnAsPrepend.strip(update, localAs);
  }

  private void peerUp(ChannelHandlerContext ctx, PeerUp up) {
    peerUps.accept(up);
    contexts.reset(up.peer());
    RouterState.MonitoredPeer peer = router.peer(up.peer());
    peer.correctOwnAsPrepend = true;
    peer.peerUp = up;
    peer.upSince = station.clock.instant();
    peer.state = "up";
    publish(ctx, new RouteEvent.StateChange(session(up.peer(), view(up.peer())), station.clock.millis() * 1000, 1, 6));
  }

  private void peerDown(ChannelHandlerContext ctx, PeerDown down) {
    PeerHeader header = down.peer();
    RouterState.MonitoredPeer peer = router.peer(header);
    if (peerUps.peerUp(header) == null) {
      error(peer, "peer-down-without-peer-up", "peer " + IpAddresses.format(header.peerAddress()));
    }
    peerUps.accept(down);
    contexts.reset(header);
    // Flush before the state changes, so /peers never shows a down peer with routes.
    for (RibView view : RibView.values()) station.rib.drop(tableKey(header, view));
    peer.peerUp = null;
    peer.state = "down";
    peer.upSince = null;
    publish(ctx, new RouteEvent.StateChange(session(header, view(header)), station.clock.millis() * 1000, 6, 1));
  }

  /** RFC 7854 §4.2 L flag, RFC 8671 O flag, RFC 9069 peer type 3. */
  static RibView view(PeerHeader header) {
    if (header.isLocRib()) return RibView.LOC_RIB;
    if (header.isAdjRibOut()) return header.isPostPolicy() ? RibView.ADJ_OUT_POST : RibView.ADJ_OUT_PRE;
    return header.isPostPolicy() ? RibView.ADJ_IN_POST : RibView.ADJ_IN_PRE;
  }

  private TableKey tableKey(PeerHeader header, RibView view) {
    return new TableKey(router.address, Source.BMP, IpAddresses.format(header.peerAddress()),
        header.distinguisher(), view);
  }

  private RouteEvent.Session session(PeerHeader header, RibView view) {
    PeerUp up = peerUps.peerUp(header);
    String local = up == null ? "" : IpAddresses.format(up.localAddressBytes());
    long localAs = up == null ? 0 : up.sentOpen().effectiveAs();
    return new RouteEvent.Session(router.address, Source.BMP, IpAddresses.format(header.peerAddress()),
        header.asn(), local, localAs, header.distinguisher(), view);
  }

  private void publish(ChannelHandlerContext ctx, RouteEvent event) {
    if (!station.events.publish(event) && !paused) {
      // Backpressure: stop reading from this router until the consumers catch up; nothing is dropped.
      paused = true;
      ctx.channel().config().setAutoRead(false);
      station.pausedReads.increment();
      station.events.whenWritable(() -> ctx.channel().eventLoop().execute(() -> {
        paused = false;
        ctx.channel().config().setAutoRead(true);
      }));
    }
  }

  private void error(RouterState.MonitoredPeer peer, String kind, String detail) {
    router.errors.increment(kind);
    if (peer != null) peer.errors.increment(kind);
    station.problems.log(router.address, kind, detail);
  }

  private static boolean onlyMissingWellKnown(Update update) {
    boolean any = false;
    for (BgpError e : update.warnings()) {
      if (e.action().compareTo(Rfc7606Action.TREAT_AS_WITHDRAW) < 0) continue;
      if (e.action() != Rfc7606Action.TREAT_AS_WITHDRAW || e.subcode() != BgpError.MISSING_WELL_KNOWN_ATTRIBUTE) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static Update withoutMissingWellKnown(Update update) {
    java.util.List<BgpError> kept = new java.util.ArrayList<>();
    for (BgpError e : update.warnings()) {
      if (e.subcode() != BgpError.MISSING_WELL_KNOWN_ATTRIBUTE || e.code() != BgpError.UPDATE_MESSAGE_ERROR) kept.add(e);
    }
    return new Update(update.withdrawn(), update.attributes(), update.announced(), kept, update.raw());
  }

  private static String firstProblem(Update update) {
    for (BgpError e : update.warnings()) {
      if (e.action() != Rfc7606Action.NONE) return e.toString();
    }
    return "malformed";
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
    String who = router != null ? router.address : remote;
    if (cause instanceof BmpFramingException framing || cause.getCause() instanceof BmpFramingException) {
      BmpFramingException f = cause instanceof BmpFramingException b ? b : (BmpFramingException) cause.getCause();
      if (router != null) router.errors.increment("framing");
      station.framingErrors.increment();
      station.problems.log(who, "framing", "at byte " + f.streamOffset() + ": " + f.reason() + "; connection closed");
    } else {
      station.problems.log(who, "connection", cause.toString() + "; connection closed");
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (router != null) station.unregister(router, ctx.channel());
    super.channelInactive(ctx);
  }
}
