package io.routemill.collector.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Notification;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import io.routemill.wire.bgp.capability.MultiprotocolCapability;
import io.routemill.wire.bgp.capability.RouteRefreshCapability;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The far end of one session in an EmbeddedChannel, with virtual time. */
final class FakePeer implements AutoCloseable {
  final EmbeddedChannel ch;
  DecodeContext tx = DecodeContext.DEFAULT.withFourOctetAs(true);
  private final List<BgpMessage> received = new ArrayList<>();

  FakePeer(BgpSpeaker speaker, String address, boolean outbound) throws Exception {
    ch = new EmbeddedChannel(false, true);
    ch.pipeline().addLast(speaker.newSession(InetAddress.getByName(address), outbound));
    ch.register();
    ch.freezeTime();
  }

  static List<Capability> standardCaps(long as) {
    return new ArrayList<>(List.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST),
        new MultiprotocolCapability(AfiSafi.IPV6_UNICAST), new RouteRefreshCapability(),
        new FourOctetAsCapability(as)));
  }

  void sendOpen(long as, int hold, String id, List<Capability> caps) {
    ByteBuf b = Unpooled.buffer();
    BgpMessageEncoder.writeOpen(b, 4, as, hold, BgpSpeakerConfig.parseRouterId(id), caps, List.of());
    ch.writeInbound(b);
  }

  void sendKeepalive() {
    ByteBuf b = Unpooled.buffer();
    BgpMessageEncoder.writeKeepalive(b);
    ch.writeInbound(b);
  }

  void sendRaw(byte[] bytes) {
    ch.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  void sendNotification(int code, int subcode, byte[] data) {
    ByteBuf b = Unpooled.buffer();
    BgpMessageEncoder.writeNotification(b, code, subcode, data);
    ch.writeInbound(b);
  }

  static List<PathAttribute> attrs(long... path) {
    return new ArrayList<>(List.of(new Attr01Origin(Attr01Origin.IGP),
        new Attr02AsPath(List.of(AsPathSegment.sequence(path))), new Attr03NextHop(new byte[] {10, 0, 0, 1})));
  }

  static Route r(String prefix) {
    return Route.of(Prefix.parse(prefix));
  }

  static Route r(String prefix, long pathId) {
    return new Route(Prefix.parse(prefix), pathId);
  }

  /** Announces IPv4 routes in the NLRI field and IPv6 ones in MP_REACH_NLRI. */
  void announce(List<PathAttribute> attrs, Route... routes) {
    List<Route> v4 = new ArrayList<>();
    List<Route> v6 = new ArrayList<>();
    for (Route r : routes) (r.prefix().isIpv4() ? v4 : v6).add(r);
    List<PathAttribute> all = new ArrayList<>(attrs);
    if (!v6.isEmpty()) {
      all.add(new Attr14MpReach(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8::1/128").address(), v6, null));
      if (v4.isEmpty()) all.removeIf(a -> a instanceof Attr03NextHop);
    }
    ByteBuf b = Unpooled.buffer();
    BgpMessageEncoder.writeUpdate(b, List.of(), all, v4, tx);
    ch.writeInbound(b);
  }

  void withdraw(Route... routes) {
    List<Route> v4 = new ArrayList<>();
    List<Route> v6 = new ArrayList<>();
    for (Route r : routes) (r.prefix().isIpv4() ? v4 : v6).add(r);
    List<PathAttribute> all = new ArrayList<>();
    if (!v6.isEmpty()) all.add(new Attr15MpUnreach(AfiSafi.IPV6_UNICAST, v6, null));
    ByteBuf b = Unpooled.buffer();
    BgpMessageEncoder.writeUpdate(b, v4, all, List.of(), tx);
    ch.writeInbound(b);
  }

  void endOfRib(AfiSafi f) {
    ByteBuf b = Unpooled.buffer();
    BgpMessageEncoder.writeEndOfRib(b, f, tx);
    ch.writeInbound(b);
  }

  /** Everything the speaker wrote so far, decoded. */
  List<BgpMessage> drain() {
    ch.runPendingTasks();
    List<BgpMessage> out = new ArrayList<>();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      try {
        while (b.isReadable()) out.add(BgpMessageDecoder.decode(b, DecodeContext.AS4));
      } finally {
        b.release();
      }
    }
    received.addAll(out);
    return out;
  }

  Open expectOpen() {
    List<BgpMessage> m = drain();
    assertTrue(!m.isEmpty() && m.get(0) instanceof Open, () -> "expected OPEN, got " + m);
    return (Open) m.get(0);
  }

  Notification expectNotification(int code, int subcode) {
    List<BgpMessage> m = drain();
    Notification n = null;
    for (BgpMessage x : m) if (x instanceof Notification nn) n = nn;
    assertNotNull(n, () -> "expected NOTIFICATION " + code + "/" + subcode + ", got " + m);
    assertEquals(code + "/" + subcode, n.code() + "/" + n.subcode(), () -> "NOTIFICATION " + m);
    ch.runPendingTasks();
    assertTrue(!ch.isOpen(), "connection closed after NOTIFICATION");
    return n;
  }

  /** OPEN both ways, KEEPALIVE both ways. */
  void establish(long as, String id, List<Capability> caps) {
    expectOpen();
    sendOpen(as, 90, id, caps);
    List<BgpMessage> m = drain();
    assertTrue(m.stream().anyMatch(x -> x.type() == BgpMessage.TYPE_KEEPALIVE), () -> "KEEPALIVE expected: " + m);
    sendKeepalive();
  }

  void advance(long seconds) {
    ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    ch.runPendingTasks();
  }

  @Override
  public void close() {
    ch.finishAndReleaseAll();
  }
}
