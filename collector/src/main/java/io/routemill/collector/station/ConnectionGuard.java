package io.routemill.collector.station;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The station's side of one connection's life, last in its pipeline: the Initiation timeout (RFC 7854 §4.3: the
 * Initiation is the first message; a connection that is not a router in time is closed), the idle timeout (no
 * byte read for {@link StationLimits#idleTimeout}; a connection the station itself stopped reading, autoRead off
 * for back-pressure, is not idle), and every exception the handlers before it pass on. Each closes the connection
 * for a {@link Refusal}, recorded once in the {@link StationLog}. Event-loop thread only.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
  private final StationLog log;
  private final StationLimits limits;
  private final String address;
  private final int port;
  private ScheduledFuture<?> initiationTimer;
  private boolean initiated;
  private boolean closed;

  ConnectionGuard(StationLog log, StationLimits limits, String address, int port) {
    this.log = log;
    this.limits = limits;
    this.address = address;
    this.port = port;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    long timeout = limits.initiationTimeout().toMillis();
    initiationTimer = ctx.executor().schedule(() -> refuse(ctx.channel(), Refusal.INITIATION_TIMEOUT,
        (initiated ? "no Peer Up to replace the connected router" : "no Initiation") + " within " + timeout + " ms"),
        timeout, TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  /** The connection sent its Initiation but waits for a Peer Up to become the router. */
  void initiated() {
    initiated = true;
  }

  /** The connection is its address's router: no more Initiation timeout. */
  void becameRouter() {
    if (initiationTimer != null) initiationTimer.cancel(false);
  }

  /** Closes the connection for {@code reason} (recorded unless it was closed for one already). */
  void refuse(Channel channel, Refusal reason, String detail) {
    if (closed) return;
    closed = true;
    log.record(address, port, reason, detail);
    channel.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      if (ctx.channel().config().isAutoRead()) {
        refuse(ctx.channel(), Refusal.IDLE_TIMEOUT, "no byte for " + limits.idleTimeout().toMillis() + " ms");
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof BmpFramingException || cause.getCause() instanceof BmpFramingException) {
      BmpFramingException f = cause instanceof BmpFramingException b ? b : (BmpFramingException) cause.getCause();
      refuse(ctx.channel(), Refusal.FRAMING_ERROR, "at byte " + f.streamOffset() + ": " + f.reason());
    } else if (cause instanceof FrameBudget.Exceeded) {
      refuse(ctx.channel(), Refusal.FRAME_BUDGET, cause.getMessage());
    } else {
      refuse(ctx.channel(), Refusal.CONNECTION_ERROR, cause.toString());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (initiationTimer != null) initiationTimer.cancel(false);
    super.channelInactive(ctx);
  }
}
