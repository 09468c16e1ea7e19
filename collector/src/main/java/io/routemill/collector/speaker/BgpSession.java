package io.routemill.collector.speaker;

import io.routemill.collector.rib.Source;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.InvalidMessage;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Keepalive;
import io.routemill.wire.bgp.Notification;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.RouteRefresh;
import io.routemill.wire.bgp.SessionCapabilities;
import io.routemill.wire.bgp.UnknownMessage;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.GracefulRestartCapability;
import io.routemill.wire.bgp.capability.MultiprotocolCapability;
import io.routemill.wire.bgp.capability.RoleCapability;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.ingest.Outcome;
import io.routemill.collector.ingest.ReadPause;
import java.util.Optional;
import java.util.Set;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection of the BGP speaker and its RFC 4271 §8 state machine, for a collector that never
 * announces: OPEN on connect (OpenSent), their OPEN checked and answered with KEEPALIVE (OpenConfirm), their
 * KEEPALIVE (Established), then UPDATEs into the neighbour's {@code adj-in-pre} table. Every error it detects
 * ends the connection with the NOTIFICATION the RFCs name. Timers are one 1-second tick on the channel's event
 * loop (hold timer and keepalives count ticks), so tests drive them with EmbeddedChannel's virtual time.
 *
 * <p>Everything here runs on the channel's event loop; what the API reads ({@link #state}) is volatile, and what
 * is shared with the other connection of the same neighbour is guarded by the {@link Peer}.
 */
final class BgpSession extends ByteToMessageDecoder {
  private static final System.Logger LOG = System.getLogger("routemill.bgp");
  /** RFC 4271 §8.2.2: "a large value" for the hold timer while waiting for the OPEN (4 minutes suggested). */
  static final int OPEN_HOLD_TIME = 240;

  private final BgpSpeaker speaker;
  private final Peer peer;
  private final boolean outbound;
  private InetAddress remote;
  private String remoteText = "?";
  private String localText = "";
  private byte[] localAddress = new byte[0];
  private ChannelHandlerContext ctx;

  private volatile BgpState state = BgpState.CONNECT;
  private boolean closing;
  /** Set when another connection took over this one's Established session (collision with a restarting peer). */
  private volatile boolean detached;
  private Open ourOpen;
  private Open theirOpen;
  private DecodeContext rx = DecodeContext.DEFAULT;
  private int holdTime = OPEN_HOLD_TIME;
  private int keepaliveInterval;
  private int silentTicks;
  private int ticksSinceKeepalive;
  private ScheduledFuture<?> tick;
  private PeerTable table;
  private PeerIdentity identity;
  private ReadPause pause;
  private Notification lastNotification;
  private boolean notificationSent;
  private boolean notificationReceived;
  private boolean hardReset;
  private boolean enhancedRefresh;
  private List<AfiSafi> families = List.of();
  private final Map<String, Integer> problemCounts = new HashMap<>();

  BgpSession(BgpSpeaker speaker, Peer peer, InetAddress remote, boolean outbound) {
    this.speaker = speaker;
    this.peer = peer;
    this.remote = remote;
    this.outbound = outbound;
  }

  BgpState state() {
    return state;
  }

  boolean outbound() {
    return outbound;
  }

  Open theirOpen() {
    return theirOpen;
  }

  // ---- connection life cycle ----

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress a && remote == null) remote = a.getAddress();
    if (ctx.channel().localAddress() instanceof InetSocketAddress l) {
      localAddress = l.getAddress().getAddress();
      localText = IpAddresses.format(localAddress);
    }
    pause = new ReadPause(speaker.ingest, ctx.channel(), speaker.pausedReads);
    remoteText = remote == null ? "?" : IpAddresses.format(remote.getAddress());
    super.channelActive(ctx);
    if (peer == null) {
      speaker.refused(remoteText);
      ByteBuf out = ctx.alloc().buffer(128);
      BgpMessageEncoder.writeOpen(out, 4, speaker.config.localAs(), speaker.config.holdTime(),
          speaker.config.routerId(), speaker.capabilities(Neighbor.NO_ROLE), List.of());
      BgpMessageEncoder.writeNotification(out, BgpError.CEASE, Notifications.CEASE_CONNECTION_REJECTED, new byte[0]);
      closing = true;
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (outbound) peer.connecting = false;
    synchronized (peer) {
      peer.sessions.add(this);
    }
    ourOpen = BgpMessageEncoder.open(speaker.config.localAs(), speaker.config.holdTime(), speaker.config.routerId(),
        speaker.capabilities(peer.neighbor.role()));
    ctx.writeAndFlush(ctx.alloc().buffer(ourOpen.raw().length).writeBytes(ourOpen.raw()));
    setState(BgpState.OPEN_SENT);
    holdTime = OPEN_HOLD_TIME;
    tick = ctx.executor().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    LOG.log(Level.DEBUG, () -> "bgp " + remoteText + ": connected (" + (outbound ? "outbound" : "inbound") + "), OPEN sent");
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (tick != null) tick.cancel(false);
    closing = true;
    if (peer != null) {
      boolean wasEstablished;
      synchronized (peer) {
        peer.sessions.remove(this);
        wasEstablished = peer.established == this && !detached;
      }
      if (!notificationSent && !notificationReceived && !detached && state.code() >= BgpState.OPEN_SENT.code()) {
        recordError("connection closed in state " + state.label() + " without NOTIFICATION");
      }
      if (wasEstablished) sessionDown(ctx.channel().eventLoop());
      BgpState old = state;
      state = BgpState.IDLE;
      // leaving Established is the Peer Down published when the session went down (goneDown)
      if (old.code() >= BgpState.OPEN_SENT.code() && old != BgpState.ESTABLISHED && identity != null) {
        publish(new RouteEvent.StateChange(identity, now(), old.code(), 1));
      }
      if (outbound) speaker.scheduleReconnect(peer);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.WARNING, "bgp " + remoteText + ": " + cause + "; connection closed");
    if (peer != null && !notificationSent && !notificationReceived) recordError("connection error: " + cause);
    ctx.close();
  }

  private void tick() {
    if (closing) return;
    if (holdTime > 0 && ++silentTicks >= holdTime) {
      notify(BgpError.HOLD_TIMER_EXPIRED, 0, new byte[0], "hold timer expired after " + holdTime + " s in " + state.label());
      return;
    }
    if (keepaliveInterval > 0 && (state == BgpState.OPEN_CONFIRM || state == BgpState.ESTABLISHED)
        && ++ticksSinceKeepalive >= keepaliveInterval) {
      sendKeepalive();
    }
  }

  private void sendKeepalive() {
    ticksSinceKeepalive = 0;
    ByteBuf b = ctx.alloc().buffer(19);
    BgpMessageEncoder.writeKeepalive(b);
    ctx.writeAndFlush(b);
  }

  private void setState(BgpState next) {
    BgpState old = state;
    state = next;
    if (identity == null || old == next) return;
    if (next == BgpState.ESTABLISHED) {
      publish(new RouteEvent.PeerUp(identity, now(), ourOpen, theirOpen, rx, old.code()));
    } else {
      publish(new RouteEvent.StateChange(identity, now(), old.code(), next.code()));
    }
  }

  // ---- reading ----

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (true) {
      if (closing) {
        in.skipBytes(in.readableBytes());
        return;
      }
      int len = BgpMessageDecoder.frameLength(in);
      if (len < 0) return;
      if (len >= BgpMessage.HEADER_LENGTH && len <= rx.maxMessageLength() && in.readableBytes() < len) return;
      BgpMessage m = BgpMessageDecoder.decode(in, rx);
      silentTicks = 0;
      handle(m);
    }
  }

  private void handle(BgpMessage m) {
    if (m instanceof InvalidMessage invalid) {
      BgpError e = invalid.error();
      byte[] data = new byte[0];
      if (e.code() == BgpError.MESSAGE_HEADER_ERROR && e.subcode() == BgpError.BAD_MESSAGE_LENGTH
          && invalid.raw().length >= 18) {
        data = new byte[] {invalid.raw()[16], invalid.raw()[17]};
      }
      notify(e.code(), e.subcode(), data, e.reason());
      return;
    }
    if (m instanceof UnknownMessage u) {
      notify(BgpError.MESSAGE_HEADER_ERROR, BgpError.BAD_MESSAGE_TYPE, new byte[] {(byte) u.type()},
          "unknown message type " + u.type());
      return;
    }
    if (m instanceof Notification n) {
      onNotification(n);
      return;
    }
    switch (state) {
      case OPEN_SENT:
        if (m instanceof Open o) {
          onOpen(o);
        } else {
          notify(BgpError.FSM_ERROR, Notifications.FSM_UNEXPECTED_IN_OPEN_SENT, new byte[0],
              typeName(m) + " before OPEN");
        }
        break;
      case OPEN_CONFIRM:
        if (m instanceof Keepalive) {
          established();
        } else {
          notify(BgpError.FSM_ERROR, Notifications.FSM_UNEXPECTED_IN_OPEN_CONFIRM, new byte[0],
              typeName(m) + " in OpenConfirm");
        }
        break;
      case ESTABLISHED:
        if (m instanceof Update u) {
          onUpdate(u);
        } else if (m instanceof Keepalive) {
          peer.messages.increment("keepalive");
        } else if (m instanceof RouteRefresh r) {
          onRouteRefresh(r);
        } else {
          notify(BgpError.FSM_ERROR, Notifications.FSM_UNEXPECTED_IN_ESTABLISHED, new byte[0],
              typeName(m) + " in Established");
        }
        break;
      default:
        break;
    }
  }

  private static String typeName(BgpMessage m) {
    switch (m.type()) {
      case BgpMessage.TYPE_OPEN: return "OPEN";
      case BgpMessage.TYPE_UPDATE: return "UPDATE";
      case BgpMessage.TYPE_NOTIFICATION: return "NOTIFICATION";
      case BgpMessage.TYPE_KEEPALIVE: return "KEEPALIVE";
      case BgpMessage.TYPE_ROUTE_REFRESH: return "ROUTE-REFRESH";
      default: return "type " + m.type();
    }
  }

  private void onOpen(Open o) {
    theirOpen = o;
    peer.messages.increment("open");
    long as = o.effectiveAs();
    if (o.version() != 4) {
      notify(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_UNSUPPORTED_VERSION, new byte[] {0, 4},
          "BGP version " + o.version());
      return;
    }
    if (!peer.neighbor.acceptsAs(as)) {
      notify(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_BAD_PEER_AS, new byte[0],
          "peer AS " + as + ", configured " + peer.neighbor.remoteAs());
      return;
    }
    if (o.holdTime() == 1 || o.holdTime() == 2) {
      notify(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_UNACCEPTABLE_HOLD_TIME, new byte[0],
          "hold time " + o.holdTime());
      return;
    }
    // RFC 6286 §2.2: non-zero, and different from ours within an AS
    if (o.bgpId() == 0 || (as == speaker.config.localAs() && o.bgpId() == speaker.config.routerId())) {
      notify(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_BAD_BGP_ID, new byte[0],
          "BGP identifier " + BgpSpeakerConfig.formatId(o.bgpId()));
      return;
    }
    if (!o.otherParams().isEmpty()) {
      notify(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_UNSUPPORTED_OPTIONAL_PARAMETER, new byte[0],
          "optional parameter type " + o.otherParams().get(0).type());
      return;
    }
    int ourRole = peer.neighbor.role();
    if (ourRole >= 0 && as != speaker.config.localAs()) {
      // RFC 9234 §4.2: a role capability that does not pair with ours, or several that differ, is a mismatch
      Integer theirRole = null;
      for (Capability c : o.capabilities()) {
        if (c instanceof RoleCapability r) {
          if (theirRole != null && theirRole != r.role()) theirRole = -2;
          else theirRole = r.role();
        }
      }
      if (theirRole != null && theirRole != Neighbor.expectedPeerRole(ourRole)) {
        notify(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_ROLE_MISMATCH, new byte[0],
            "our role " + Neighbor.roleName(ourRole) + ", theirs " + (theirRole < 0 ? "several" : Neighbor.roleName(theirRole)));
        return;
      }
    }
    if (!speaker.admit(this, o)) return;
    rx = SessionCapabilities.receiveContext(ourOpen, o);
    int theirHold = o.holdTime();
    holdTime = Math.min(theirHold, speaker.config.holdTime());
    keepaliveInterval = holdTime / 3;
    families = negotiatedFamilies(o);
    enhancedRefresh = o.hasCapability(Capability.ENHANCED_ROUTE_REFRESH);
    long id = o.bgpId();
    identity = new PeerIdentity(speaker.routerName, Source.BGP, remote.getAddress(), o.effectiveAs(),
        new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id}, 0, peer.key.rib(),
        localAddress, speaker.config.localAs(), rx.fourOctetAs(), peer.key);
    sendKeepalive();
    setState(BgpState.OPEN_CONFIRM);
  }

  /** RFC 4760 §8: the families both sides listed; a peer without Multiprotocol capabilities has IPv4 unicast only. */
  private static List<AfiSafi> negotiatedFamilies(Open o) {
    List<AfiSafi> out = new ArrayList<>(2);
    boolean any = false;
    for (Capability c : o.capabilities()) {
      if (c instanceof MultiprotocolCapability mp) {
        any = true;
        if ((mp.family().equals(AfiSafi.IPV4_UNICAST) || mp.family().equals(AfiSafi.IPV6_UNICAST))
            && !out.contains(mp.family())) {
          out.add(mp.family());
        }
      }
    }
    if (!any) out.add(AfiSafi.IPV4_UNICAST);
    out.sort((a, b) -> a.afi() - b.afi());
    return out;
  }

  private void established() {
    peer.messages.increment("keepalive");
    table = speaker.ingest.rib().table(peer.key);
    table.setPeerAsn(theirOpen.effectiveAs());
    synchronized (peer) {
      peer.established = this;
      peer.upSince = speaker.clock.instant();
      peer.peerAs = theirOpen.effectiveAs();
      peer.bgpId = BgpSpeakerConfig.formatId(theirOpen.bgpId());
      peer.capabilities = describeCapabilities();
      peer.establishedCount++;
      resumeAfterRestart();
    }
    setState(BgpState.ESTABLISHED);
    DecodeContext tx = SessionCapabilities.sendContext(ourOpen, theirOpen);
    ByteBuf out = ctx.alloc().buffer(64);
    for (AfiSafi f : families) BgpMessageEncoder.writeEndOfRib(out, f, tx);
    ctx.writeAndFlush(out);
    LOG.log(Level.INFO, "bgp neighbor " + remoteText + " AS " + theirOpen.effectiveAs() + " established ("
        + (outbound ? "outbound" : "inbound") + "); " + String.join(", ", peer.capabilities));
  }

  /** RFC 4724 §4.2, on re-establishment: keep stale routes only for families the peer preserved (F bit). */
  private void resumeAfterRestart() {
    boolean any = false;
    for (int afi = 1; afi <= 2; afi++) any |= peer.staleAfi[afi];
    if (!any) return;
    if (peer.restartTimer != null) {
      peer.restartTimer.cancel(false);
      peer.restartTimer = null;
    }
    GracefulRestartCapability gr = theirOpen.capability(GracefulRestartCapability.class);
    for (int afi = 1; afi <= 2; afi++) {
      if (!peer.staleAfi[afi]) continue;
      boolean preserved = false;
      if (gr != null) {
        for (GracefulRestartCapability.Family f : gr.families()) {
          if (f.family().afi() == afi && f.family().safi() == AfiSafi.SAFI_UNICAST
              && (f.flags() & GracefulRestartCapability.FAMILY_FORWARDING_PRESERVED) != 0) {
            preserved = true;
          }
        }
      }
      if (!preserved) {
        int n = table.sweepStale(afi);
        peer.staleAfi[afi] = false;
        LOG.log(Level.INFO, "bgp neighbor " + remoteText + " restarted without preserving AFI " + afi + "; "
            + n + " stale paths removed");
      }
    }
    if (peer.staleAfi[1] || peer.staleAfi[2]) {
      if (peer.staleTimer != null) peer.staleTimer.cancel(false);
      PeerTable t = table;
      EventExecutor loop = speaker.timerLoop != null ? speaker.timerLoop : ctx.channel().eventLoop();
      peer.staleTimer = loop.schedule(() -> sweepAll(peer, t, "stale timer expired"),
          speaker.config.staleTime(), TimeUnit.SECONDS);
    }
  }

  static void sweepAll(Peer peer, PeerTable t, String why) {
    synchronized (peer) {
      int n = 0;
      for (int afi = 1; afi <= 2; afi++) {
        if (peer.staleAfi[afi]) n += t.sweepStale(afi);
        peer.staleAfi[afi] = false;
      }
      if (peer.staleTimer != null) peer.staleTimer.cancel(false);
      if (peer.restartTimer != null) peer.restartTimer.cancel(false);
      peer.staleTimer = null;
      peer.restartTimer = null;
      LOG.log(Level.INFO, "bgp neighbor " + peer.address + ": " + why + "; " + n + " stale paths removed");
    }
  }

  private List<String> describeCapabilities() {
    List<String> out = new ArrayList<>();
    for (AfiSafi f : families) out.add(f.equals(AfiSafi.IPV4_UNICAST) ? "ipv4-unicast" : "ipv6-unicast");
    if (rx.fourOctetAs()) out.add("four-octet-as");
    for (AfiSafi f : families) {
      if (rx.addPath(f)) out.add("add-path-receive " + (f.afi() == 1 ? "ipv4-unicast" : "ipv6-unicast"));
    }
    if (theirOpen.hasCapability(Capability.ROUTE_REFRESH) || theirOpen.hasCapability(Capability.ROUTE_REFRESH_OLD_CISCO)) {
      out.add("route-refresh");
    }
    if (enhancedRefresh) out.add("enhanced-route-refresh");
    if (rx.extendedMessage()) out.add("extended-message");
    GracefulRestartCapability gr = theirOpen.capability(GracefulRestartCapability.class);
    if (gr != null) {
      StringBuilder sb = new StringBuilder("graceful-restart time=" + gr.restartTime());
      if ((gr.restartFlags() & GracefulRestartCapability.FLAG_RESTART_STATE) != 0) sb.append(" restarting");
      if ((gr.restartFlags() & GracefulRestartCapability.FLAG_NOTIFICATION) != 0) sb.append(" notification");
      for (GracefulRestartCapability.Family f : gr.families()) {
        sb.append(' ').append(f.family().afi() == 1 ? "ipv4" : f.family().afi() == 2 ? "ipv6" : f.family().toString());
        if ((f.flags() & GracefulRestartCapability.FAMILY_FORWARDING_PRESERVED) != 0) sb.append("(F)");
      }
      out.add(sb.toString());
    }
    RoleCapability role = theirOpen.capability(RoleCapability.class);
    if (role != null) out.add("role " + Neighbor.roleName(role.role()));
    out.add("hold-time " + holdTime);
    return List.copyOf(out);
  }

  private void onUpdate(Update u) {
    if (detached) return;
    Rfc7606Action action = u.action();
    if (action == Rfc7606Action.SESSION_RESET) {
      BgpError e = first(u, Rfc7606Action.SESSION_RESET);
      peer.errors.increment("malformed-update");
      notify(e.code(), e.subcode(), new byte[0], "malformed UPDATE " + e);
      return;
    }
    if (action != Rfc7606Action.NONE) {
      BgpError e = first(u, action);
      String kind = action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      peer.errors.increment(kind);
      problem(kind, "UPDATE " + e + "; session kept (RFC 7606)");
    }
    AfiSafi eor = u.endOfRibFamily();
    if (eor != null) {
      publish(new RouteEvent.EndOfRib(identity, now(), eor, u.raw(), u.hasPathIds()));
      peer.messages.increment("end-of-rib");
      LOG.log(Level.INFO, "bgp neighbor " + remoteText + ": End-of-RIB " + eor);
      endOfRib(eor.afi());
    } else {
      Outcome outcome = speaker.ingest.apply(new RouteEvent.RouteUpdate(identity, now(), u, u.raw(), u.hasPathIds(),
          Set.of()));
      pause.check();
      peer.messages.increment(outcome == Outcome.REJECTED ? "update-not-applied" : "update");
    }
    long max = peer.neighbor.maxPrefixes();
    if (max > 0) {
      TableCounts c = table.counts();
      long paths = c.pathsIpv4() + c.pathsIpv6();
      if (paths > max) {
        boolean v6 = c.pathsIpv6() > 0 && u.attributes().mpReach() != null;
        byte[] data = new byte[7];
        data[1] = (byte) (v6 ? 2 : 1);
        data[2] = 1;
        long bound = Math.min(max, 0xFFFFFFFFL);
        data[3] = (byte) (bound >>> 24);
        data[4] = (byte) (bound >>> 16);
        data[5] = (byte) (bound >>> 8);
        data[6] = (byte) bound;
        notify(BgpError.CEASE, Notifications.CEASE_MAX_PREFIXES, data, paths + " paths exceed the limit of " + max);
      }
    }
  }

  private void endOfRib(int afi) {
    if (afi != 1 && afi != 2) return;
    synchronized (peer) {
      if (!peer.staleAfi[afi]) return;
      int n = table.sweepStale(afi);
      peer.staleAfi[afi] = false;
      LOG.log(Level.INFO, "bgp neighbor " + remoteText + ": End-of-RIB after restart; " + n + " stale paths removed");
      if (!peer.staleAfi[1] && !peer.staleAfi[2] && peer.staleTimer != null) {
        peer.staleTimer.cancel(false);
        peer.staleTimer = null;
      }
    }
  }

  private void onRouteRefresh(RouteRefresh r) {
    peer.messages.increment("route-refresh");
    int afi = r.afi();
    if (r.safi() != AfiSafi.SAFI_UNICAST || (afi != 1 && afi != 2)) return;
    switch (r.subtype()) {
      case RouteRefresh.NORMAL:
        // we announce nothing; with enhanced route refresh the answer is an empty BoRR/EoRR pair (RFC 7313 §4)
        if (enhancedRefresh) {
          ByteBuf out = ctx.alloc().buffer(46);
          BgpMessageEncoder.writeRouteRefresh(out, afi, RouteRefresh.BORR, r.safi());
          BgpMessageEncoder.writeRouteRefresh(out, afi, RouteRefresh.EORR, r.safi());
          ctx.writeAndFlush(out);
        }
        break;
      case RouteRefresh.BORR:
        if (enhancedRefresh) table.markStale(afi);
        break;
      case RouteRefresh.EORR:
        if (enhancedRefresh) {
          int n = table.sweepStale(afi);
          if (n > 0) LOG.log(Level.INFO, "bgp neighbor " + remoteText + ": EoRR; " + n + " paths not refreshed removed");
        }
        break;
      default:
        break; // RFC 7313 §5: other subtypes are ignored
    }
  }

  private void onNotification(Notification n) {
    notificationReceived = true;
    lastNotification = n;
    hardReset = n.code() == BgpError.CEASE && n.subcode() == Notifications.CEASE_HARD_RESET;
    peer.messages.increment("notification");
    String text = "received NOTIFICATION " + Notifications.describe(n);
    if (peer != null) {
      recordError(text);
      peer.errors.increment("notification-received");
    }
    LOG.log(Level.WARNING, "bgp neighbor " + remoteText + ": " + text + " in " + state.label());
    closing = true;
    ctx.close();
  }

  /**
   * Records the neighbour's last error, unless another connection of the neighbour is Established: then this is a
   * refused or failed extra connection, counted ({@code rejected-connection}) and logged, and what the API shows
   * for the live session stays as it is.
   */
  private void recordError(String text) {
    BgpSession live;
    synchronized (peer) {
      live = peer.established;
    }
    if (live != null && live != this) {
      peer.errors.increment("rejected-connection");
      return;
    }
    peer.lastError = text;
  }

  /** Sends a NOTIFICATION, records it as the neighbour's last error and closes the connection. */
  void notify(int code, int subcode, byte[] data, String reason) {
    if (closing) return;
    closing = true;
    notificationSent = true;
    String text = "sent NOTIFICATION " + Notifications.describe(code, subcode) + ": " + reason;
    if (peer != null) {
      if (code != BgpError.CEASE || subcode != Notifications.CEASE_COLLISION) recordError(text);
      peer.errors.increment("notification-sent");
    }
    LOG.log(Level.WARNING, "bgp neighbor " + remoteText + ": " + text);
    ByteBuf b = ctx.alloc().buffer(21 + data.length);
    BgpMessageEncoder.writeNotification(b, code, subcode, data);
    byte[] sent = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), sent);
    lastNotification = new Notification(code, subcode, data, sent);
    ctx.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
  }

  EventExecutor eventLoop() {
    return ctx.channel().eventLoop();
  }

  /** Cease/Administrative Shutdown with an RFC 9003 shutdown communication; returns when the connection is closed. */
  io.netty.channel.ChannelFuture shutdown() {
    ctx.executor().execute(() -> notify(BgpError.CEASE, Notifications.CEASE_ADMIN_SHUTDOWN,
        BgpMessageEncoder.shutdownCommunicationData("routemill collector shutting down"), "collector shutting down"));
    return ctx.channel().closeFuture();
  }

  /** Called from another connection's thread (collision resolution): notify on our own loop. */
  void notifyLater(int code, int subcode, String reason) {
    ctx.executor().execute(() -> notify(code, subcode, new byte[0], reason));
  }

  /**
   * Another connection of a restarting peer took over (RFC 4724 §4.2): this session is treated as if its TCP
   * connection had failed, right now on the caller's thread, and the connection is closed quietly. Called
   * holding the peer's lock.
   */
  void takeOver(EventExecutor loop) {
    detached = true;
    peer.established = null;
    goneDown(loop);
    ctx.executor().execute(() -> {
      closing = true;
      ctx.close();
    });
  }

  /** The established session ended: graceful restart procedures or flush. */
  private void sessionDown(EventExecutor loop) {
    synchronized (peer) {
      if (peer.established != this) return;
      peer.established = null;
      goneDown(loop);
    }
  }

  // holding the peer's lock
  private void goneDown(EventExecutor channelLoop) {
    EventExecutor loop = speaker.timerLoop != null ? speaker.timerLoop : channelLoop;
    peer.upSince = null;
    GracefulRestartCapability gr = theirOpen == null ? null : theirOpen.capability(GracefulRestartCapability.class);
    GracefulRestartCapability ours = ourOpen.capability(GracefulRestartCapability.class);
    boolean bothN = gr != null && ours != null
        && (gr.restartFlags() & GracefulRestartCapability.FLAG_NOTIFICATION) != 0
        && (ours.restartFlags() & GracefulRestartCapability.FLAG_NOTIFICATION) != 0;
    // RFC 4724 §4.2: TCP failure keeps the routes as stale; RFC 8538 §4: so does a NOTIFICATION other than Hard
    // Reset when both sides sent the N bit. NOTIFICATIONs we send for errors always flush.
    boolean graceful = gr != null && !notificationSent && (!notificationReceived || (bothN && !hardReset));
    boolean kept = false;
    if (graceful) {
      for (int afi = 1; afi <= 2; afi++) {
        boolean listed = false;
        for (GracefulRestartCapability.Family f : gr.families()) {
          if (f.family().afi() == afi && f.family().safi() == AfiSafi.SAFI_UNICAST) listed = true;
        }
        if (listed) {
          table.markStale(afi);
          peer.staleAfi[afi] = true;
          kept = true;
        } else {
          table.markStale(afi);
          table.sweepStale(afi);
          peer.staleAfi[afi] = false;
        }
      }
    }
    if (kept && gr.restartTime() > 0) {
      if (peer.restartTimer != null) peer.restartTimer.cancel(false);
      if (peer.staleTimer != null) peer.staleTimer.cancel(false);
      peer.staleTimer = null;
      PeerTable t = table;
      peer.restartTimer = loop.schedule(() -> sweepAll(peer, t, "restart time of " + gr.restartTime() + " s expired"),
          gr.restartTime(), TimeUnit.SECONDS);
      LOG.log(Level.INFO, "bgp neighbor " + remoteText + " down; graceful restart: routes kept as stale for up to "
          + gr.restartTime() + " s");
    } else {
      if (peer.restartTimer != null) peer.restartTimer.cancel(false);
      if (peer.staleTimer != null) peer.staleTimer.cancel(false);
      peer.restartTimer = null;
      peer.staleTimer = null;
      peer.staleAfi[1] = peer.staleAfi[2] = false;
      LOG.log(Level.INFO, "bgp neighbor " + remoteText + " down; routes removed");
    }
    if (identity != null) {
      RouteEvent.DownReason reason = notificationSent ? RouteEvent.DownReason.LOCAL_NOTIFICATION
          : notificationReceived ? RouteEvent.DownReason.REMOTE_NOTIFICATION
          : detached ? RouteEvent.DownReason.LOCAL_NO_NOTIFICATION : RouteEvent.DownReason.REMOTE_NO_NOTIFICATION;
      // flushes the table unless graceful restart keeps it (published from whichever thread ends the session)
      speaker.ingest.apply(new RouteEvent.PeerDown(identity, now(), reason, Optional.ofNullable(lastNotification),
          peer.lastError == null ? "" : peer.lastError, kept, 1));
    }
  }

  // ---- events ----

  private void publish(RouteEvent event) {
    speaker.ingest.apply(event);
    if (pause != null && ctx.executor().inEventLoop()) pause.check();
  }

  private long now() {
    return speaker.clock.millis() * 1000;
  }

  private static BgpError first(Update u, Rfc7606Action action) {
    for (BgpError e : u.warnings()) {
      if (e.action() == action) return e;
    }
    return new BgpError(BgpError.UPDATE_MESSAGE_ERROR, 0, action, 0, "malformed");
  }

  private void problem(String kind, String detail) {
    int n = problemCounts.merge(kind, 1, Integer::sum);
    if (n <= 10 || n % 1000 == 0) {
      LOG.log(Level.WARNING, "bgp neighbor " + remoteText + ": " + kind + " (" + n + "): " + detail);
    }
  }

  @Override
  public String toString() {
    return "BgpSession[" + remoteText + (outbound ? " out " : " in ") + state.label() + "]";
  }
}
