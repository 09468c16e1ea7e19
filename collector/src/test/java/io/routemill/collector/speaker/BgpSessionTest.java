package io.routemill.collector.speaker;

import io.routemill.collector.rib.Source;
import static io.routemill.collector.speaker.FakePeer.attrs;
import static io.routemill.collector.speaker.FakePeer.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.Notification;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.capability.AddPathCapability;
import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.GracefulRestartCapability;
import io.routemill.wire.bgp.capability.RoleCapability;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.rib.RouteRow;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.ingest.Ingest;
import io.routemill.collector.stream.RouteEventStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session state machine over EmbeddedChannels: no sockets, virtual time. */
class BgpSessionTest {
  static final String PEER = "192.0.2.5";
  static final long PEER_AS = 65005;
  static final long LOCAL_AS = 65500;

  final Rib rib = new Rib();
  final List<RouteEvent> events = new ArrayList<>();
  final RouteEventStream stream = new RouteEventStream() {
    @Override
    public boolean publish(RouteEvent event) {
      events.add(event);
      return true;
    }

    @Override
    public boolean backlogged() {
      return false;
    }

    @Override
    public void whenWritable(Runnable callback) {
      callback.run();
    }

    @Override
    public void close() {}
  };
  final Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  BgpSpeaker speaker(Neighbor... neighbors) {
    return new BgpSpeaker(BgpSpeakerConfig.of(0, LOCAL_AS, "192.0.2.100", List.of(neighbors)), new Ingest(rib, stream),
        clock);
  }

  static Neighbor neighbor() throws Exception {
    return Neighbor.of(InetAddress.getByName(PEER), PEER_AS);
  }

  PeerInfo info(BgpSpeaker s) {
    return s.peers(rib).get(0);
  }

  TableCounts counts(BgpSpeaker s) throws Exception {
    return rib.counts(s.peer(InetAddress.getByName(PEER)).key);
  }

  List<RouteRow> routes(String prefix) {
    return rib.routes(new RouteQuery(Prefix.parse(prefix), Match.MORE, null, null, 1000, null)).routes();
  }

  @Test
  void establishesAndFeedsTheRib() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      Open ours = p.expectOpen();
      assertEquals(LOCAL_AS, ours.effectiveAs());
      assertEquals(90, ours.holdTime());
      for (int code : new int[] {Capability.MULTIPROTOCOL, Capability.ROUTE_REFRESH, Capability.ENHANCED_ROUTE_REFRESH,
          Capability.FOUR_OCTET_AS, Capability.ADD_PATH, Capability.EXTENDED_MESSAGE, Capability.GRACEFUL_RESTART}) {
        assertTrue(ours.hasCapability(code), "capability " + code);
      }
      assertFalse(ours.hasCapability(Capability.ROLE), "no role unless configured");
      assertEquals("OpenSent", info(s).state());
      p.sendOpen(PEER_AS, 180, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      List<BgpMessage> m = p.drain();
      assertEquals(List.of(BgpMessage.TYPE_KEEPALIVE), m.stream().map(BgpMessage::type).toList());
      assertEquals("OpenConfirm", info(s).state());
      p.sendKeepalive();
      List<BgpMessage> eor = p.drain();
      assertEquals(2, eor.size(), () -> "End-of-RIB for IPv4 and IPv6: " + eor);
      assertEquals(AfiSafi.IPV4_UNICAST, ((Update) eor.get(0)).endOfRibFamily());
      assertEquals(AfiSafi.IPV6_UNICAST, ((Update) eor.get(1)).endOfRibFamily());
      PeerInfo i = info(s);
      assertEquals("Established", i.state());
      assertEquals(clock.instant(), i.upSince());
      assertEquals("10.0.0.5", i.bgpId());
      assertEquals("bgp", i.source());
      assertEquals("192.0.2.100", i.router());
      assertTrue(i.capabilities().containsAll(List.of("ipv4-unicast", "ipv6-unicast", "four-octet-as", "route-refresh",
          "hold-time 90")), i.capabilities()::toString);

      p.announce(attrs(PEER_AS, 4200000001L), r("198.51.100.0/24"), r("203.0.113.0/25"));
      p.announce(attrs(PEER_AS, 64496), r("2001:db8:1::/48"));
      p.endOfRib(AfiSafi.IPV4_UNICAST);
      p.withdraw(r("203.0.113.0/25"));
      List<RouteRow> v4 = routes("0.0.0.0/0");
      assertEquals(1, v4.size());
      RouteRow route = v4.get(0);
      assertEquals(Source.BGP, route.source());
      assertEquals("192.0.2.100", route.router());
      assertEquals(PEER, route.peerAddress());
      assertEquals(List.of(AsPathSegment.sequence(65005, 4200000001L)), route.asPath());
      assertEquals(4200000001L, route.originAs().getAsLong());
      assertEquals(PEER_AS, route.peerAsn());
      assertEquals("adj-in-pre", route.rib().label());
      assertEquals(1, routes("::/0").size());
      assertEquals(1, info(s).prefixesIpv4());
      assertEquals(1, info(s).prefixesIpv6());
      assertNotNull(rib.find(s.peer(InetAddress.getByName(PEER)).key).endOfRib(AfiSafi.IPV4_UNICAST));
      long updates = events.stream().filter(e -> e instanceof RouteEvent.RouteUpdate).count();
      long endOfRibs = events.stream().filter(e -> e instanceof RouteEvent.EndOfRib).count();
      assertEquals(4, updates + endOfRibs);
      assertTrue(endOfRibs >= 1);
      RouteEvent.PeerUp up = (RouteEvent.PeerUp) events.stream().filter(e -> e instanceof RouteEvent.PeerUp).findFirst()
          .orElseThrow();
      assertEquals(5, up.previousState(), "OpenConfirm before Established");
      assertEquals(PEER_AS, up.received().effectiveAs());
      RouteEvent.RouteUpdate first = (RouteEvent.RouteUpdate) events.stream()
          .filter(e -> e instanceof RouteEvent.RouteUpdate).findFirst().get();
      assertTrue(first.peer().fourOctetAs());
      assertEquals(Source.BGP, first.peer().source());
      assertEquals(PEER, first.peer().addressText());
      assertEquals(PEER_AS, first.peer().asn());
      assertEquals(LOCAL_AS, first.peer().localAs());
      assertFalse(first.update().announced().isEmpty() && first.update().attributes().mpReach() == null);
    }
    // connection gone without graceful restart: routes flushed
    assertNull(rib.find(s.peer(InetAddress.getByName(PEER)).key));
    assertEquals("Idle", info(s).state());
    assertNotNull(info(s).lastError());
  }

  @Test
  void peerWithoutAnyCapability() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.tx = io.routemill.wire.bgp.DecodeContext.DEFAULT;
      p.establish(PEER_AS, "10.0.0.5", List.of());
      List<BgpMessage> eor = p.drain();
      assertEquals(1, eor.size(), "End-of-RIB for IPv4 unicast only");
      assertEquals(List.of("ipv4-unicast", "hold-time 90"), info(s).capabilities());
      p.announce(attrs(PEER_AS, 64496), r("198.51.100.0/24"));
      assertEquals(List.of(AsPathSegment.sequence(65005, 64496)), routes("0.0.0.0/0").get(0).asPath());
      assertEquals("Established", info(s).state());
    }
  }

  @Test
  void addPathKeepsEveryPath() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      List<Capability> caps = FakePeer.standardCaps(PEER_AS);
      caps.add(new AddPathCapability(List.of(new AddPathCapability.Entry(AfiSafi.IPV4_UNICAST, AddPathCapability.BOTH),
          new AddPathCapability.Entry(AfiSafi.IPV6_UNICAST, AddPathCapability.SEND))));
      p.establish(PEER_AS, "10.0.0.5", caps);
      p.tx = p.tx.withAddPath(Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24", 1));
      p.announce(attrs(PEER_AS, 2), r("198.51.100.0/24", 2));
      p.announce(attrs(PEER_AS, 3), r("198.51.100.0/24", 3), r("2001:db8::/32", 7));
      p.announce(attrs(PEER_AS, 4), r("2001:db8::/32", 8));
      List<RouteRow> v4 = routes("198.51.100.0/24");
      assertEquals(List.of(1L, 2L, 3L), v4.stream().map(RouteRow::pathId).toList());
      assertEquals(List.of(7L, 8L), routes("2001:db8::/32").stream().map(RouteRow::pathId).toList());
      assertTrue(info(s).capabilities().contains("add-path-receive ipv4-unicast"));
      p.withdraw(r("198.51.100.0/24", 2));
      assertEquals(List.of(1L, 3L), routes("198.51.100.0/24").stream().map(RouteRow::pathId).toList());
      assertEquals(2, counts(s).pathsIpv4());
      assertEquals(1, counts(s).prefixesIpv4());
    }
  }

  @Test
  void wrongAsIsRefusedWithBadPeerAs() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.expectOpen();
      p.sendOpen(65099, 90, "10.0.0.5", FakePeer.standardCaps(65099));
      p.expectNotification(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_BAD_PEER_AS);
    }
    assertTrue(info(s).lastError().contains("2/2 OPEN Message Error/Bad Peer AS"), info(s).lastError());
  }

  @Test
  void anyAsAndAsList() throws Exception {
    Neighbor any = new Neighbor(InetAddress.getByName(PEER), Set.of(), "rs", null, 0, false, 179, -1);
    BgpSpeaker s = speaker(any);
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(4200000000L, "10.0.0.5", FakePeer.standardCaps(4200000000L));
      assertEquals("Established", info(s).state());
      assertEquals(4200000000L, info(s).asn());
      assertEquals("rs", info(s).description());
    }
    Neighbor list = new Neighbor(InetAddress.getByName(PEER), Set.of(1L, 2L), null, null, 0, false, 179, -1);
    BgpSpeaker s2 = speaker(list);
    try (FakePeer p = new FakePeer(s2, PEER, false)) {
      p.expectOpen();
      p.sendOpen(3, 90, "10.0.0.5", FakePeer.standardCaps(3));
      p.expectNotification(2, 2);
    }
  }

  @Test
  void unknownNeighbourGetsConnectionRejected() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, "192.0.2.77", false)) {
      List<BgpMessage> m = p.drain();
      assertEquals(2, m.size(), m::toString);
      assertTrue(m.get(0) instanceof Open);
      Notification n = (Notification) m.get(1);
      assertEquals(BgpError.CEASE, n.code());
      assertEquals(Notifications.CEASE_CONNECTION_REJECTED, n.subcode());
      assertFalse(p.ch.isOpen());
    }
    assertEquals(1, s.refusedConnections());
  }

  @Test
  void openErrors() throws Exception {
    record Case(int version, long as, int hold, String id, int subcode) {}
    for (Case c : List.of(new Case(3, PEER_AS, 90, "10.0.0.5", Notifications.OPEN_UNSUPPORTED_VERSION),
        new Case(4, PEER_AS, 2, "10.0.0.5", Notifications.OPEN_UNACCEPTABLE_HOLD_TIME),
        new Case(4, PEER_AS, 90, "0.0.0.0", Notifications.OPEN_BAD_BGP_ID))) {
      BgpSpeaker s = speaker(neighbor());
      try (FakePeer p = new FakePeer(s, PEER, false)) {
        p.expectOpen();
        ByteBuf b = Unpooled.buffer();
        long id = c.id.equals("0.0.0.0") ? 0 : BgpSpeakerConfig.parseRouterId(c.id);
        BgpMessageEncoder.writeOpen(b, c.version, c.as, c.hold, id, FakePeer.standardCaps(c.as), List.of());
        p.ch.writeInbound(b);
        Notification n = p.expectNotification(BgpError.OPEN_MESSAGE_ERROR, c.subcode);
        if (c.subcode == 1) assertEquals("0004", HexFormat.of().formatHex(n.data()));
      }
    }
  }

  @Test
  void roleMismatch() throws Exception {
    BgpSpeaker s = speaker(neighbor().withRole(RoleCapability.RS));
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      Open ours = p.expectOpen();
      assertEquals(RoleCapability.RS, ours.capability(RoleCapability.class).role());
      List<Capability> caps = FakePeer.standardCaps(PEER_AS);
      caps.add(new RoleCapability(RoleCapability.PEER));
      p.sendOpen(PEER_AS, 90, "10.0.0.5", caps);
      p.expectNotification(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_ROLE_MISMATCH);
    }
    BgpSpeaker ok = speaker(neighbor().withRole(RoleCapability.RS));
    try (FakePeer p = new FakePeer(ok, PEER, false)) {
      List<Capability> caps = FakePeer.standardCaps(PEER_AS);
      caps.add(new RoleCapability(RoleCapability.RS_CLIENT));
      p.establish(PEER_AS, "10.0.0.5", caps);
      assertEquals("Established", info(ok).state());
      assertTrue(info(ok).capabilities().contains("role rs-client"));
    }
  }

  @Test
  void holdTimerAndKeepalives() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.drain();
      p.advance(29);
      assertTrue(p.drain().isEmpty(), "no KEEPALIVE before 30 s");
      p.advance(1);
      assertEquals(List.of(BgpMessage.TYPE_KEEPALIVE), p.drain().stream().map(BgpMessage::type).toList());
      p.advance(30);
      p.sendKeepalive(); // the peer's keepalive restarts the hold timer
      p.advance(80);
      assertEquals("Established", info(s).state());
      p.advance(10);
      p.expectNotification(BgpError.HOLD_TIMER_EXPIRED, 0);
    }
    assertTrue(info(s).lastError().contains("4/0 Hold Timer Expired"), info(s).lastError());
  }

  @Test
  void holdTimerWhileWaitingForOpen() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.expectOpen();
      p.advance(239);
      assertTrue(p.ch.isOpen());
      p.advance(1);
      p.expectNotification(BgpError.HOLD_TIMER_EXPIRED, 0);
    }
  }

  @Test
  void zeroHoldTimeMeansNoKeepalives() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.expectOpen();
      p.sendOpen(PEER_AS, 0, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.sendKeepalive();
      p.drain();
      p.advance(1000);
      assertTrue(p.drain().isEmpty());
      assertEquals("Established", info(s).state());
    }
  }

  @Test
  void fsmErrors() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.expectOpen();
      p.sendKeepalive();
      p.expectNotification(BgpError.FSM_ERROR, Notifications.FSM_UNEXPECTED_IN_OPEN_SENT);
    }
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.sendOpen(PEER_AS, 90, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.expectNotification(BgpError.FSM_ERROR, Notifications.FSM_UNEXPECTED_IN_ESTABLISHED);
    }
  }

  @Test
  void headerErrors() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.sendRaw(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff" + "0013" + "09"));
      Notification n = p.expectNotification(BgpError.MESSAGE_HEADER_ERROR, BgpError.BAD_MESSAGE_TYPE);
      assertEquals("09", HexFormat.of().formatHex(n.data()));
    }
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.sendRaw(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff" + "0012" + "04"));
      Notification n = p.expectNotification(BgpError.MESSAGE_HEADER_ERROR, BgpError.BAD_MESSAGE_LENGTH);
      assertEquals("0012", HexFormat.of().formatHex(n.data()));
    }
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.sendRaw(HexFormat.of().parseHex("ffffffffffffffffffffffff00ffffff" + "0013" + "04"));
      p.expectNotification(BgpError.MESSAGE_HEADER_ERROR, BgpError.CONNECTION_NOT_SYNCHRONIZED);
    }
  }

  /** An UPDATE with an empty withdrawn field, the given attribute bytes and NLRI bytes. */
  static byte[] update(String attrs, String nlri) {
    String body = "0000" + String.format("%04x", attrs.length() / 2) + attrs + nlri;
    int len = 19 + body.length() / 2;
    return HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff" + String.format("%04x", len) + "02" + body);
  }

  static final String ORIGIN = "40010100";
  static final String AS_PATH = "4002060201" + "0000fded"; // AS_SEQUENCE [65005], 4-octet
  static final String NEXT_HOP = "4003040a000001";

  @Test
  void rfc7606TreatAsWithdrawKeepsTheSession() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.drain();
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"));
      assertEquals(1, routes("0.0.0.0/0").size());
      // ORIGIN with value 7: RFC 7606 §7.1 treat-as-withdraw
      p.sendRaw(update("40010107" + AS_PATH + NEXT_HOP, "18c63364"));
      assertEquals(0, routes("0.0.0.0/0").size(), "the prefix is withdrawn");
      assertTrue(p.ch.isOpen());
      assertEquals("Established", info(s).state());
      assertTrue(p.drain().isEmpty(), "no NOTIFICATION");
      // a missing well-known attribute (no ORIGIN): also treat-as-withdraw
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"));
      p.sendRaw(update(AS_PATH + NEXT_HOP, "18c63364"));
      assertEquals(0, routes("0.0.0.0/0").size());
      assertTrue(p.ch.isOpen());
    }
  }

  @Test
  void rfc7606SessionResetSendsUpdateMessageError() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      // total path attribute length overruns the message: Malformed Attribute List
      byte[] bad = update(ORIGIN + AS_PATH + NEXT_HOP, "18c63364");
      bad[22] = (byte) 0x40;
      p.sendRaw(bad);
      p.expectNotification(BgpError.UPDATE_MESSAGE_ERROR, BgpError.MALFORMED_ATTRIBUTE_LIST);
    }
    assertTrue(info(s).lastError().startsWith("sent NOTIFICATION 3/1"), info(s).lastError());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      // NLRI prefix length 33 for IPv4: Invalid Network Field (RFC 7606 §5.3 session reset)
      p.sendRaw(update(ORIGIN + AS_PATH + NEXT_HOP, "21c6336400"));
      p.expectNotification(BgpError.UPDATE_MESSAGE_ERROR, BgpError.INVALID_NETWORK_FIELD);
    }
  }

  @Test
  void receivedNotificationIsKeptWithItsShutdownCommunication() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.sendNotification(BgpError.CEASE, 2, BgpMessageEncoder.shutdownCommunicationData("maintenance, back at 14:00 ✓"));
      p.ch.runPendingTasks();
      assertFalse(p.ch.isOpen());
    }
    assertEquals("received NOTIFICATION 6/2 Cease/Administrative Shutdown: \"maintenance, back at 14:00 ✓\"",
        info(s).lastError());
  }

  @Test
  void maxPrefixes() throws Exception {
    BgpSpeaker s = speaker(neighbor().withMaxPrefixes(2));
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"), r("198.51.101.0/24"));
      assertTrue(p.ch.isOpen());
      p.announce(attrs(PEER_AS, 1), r("198.51.102.0/24"));
      Notification n = p.expectNotification(BgpError.CEASE, Notifications.CEASE_MAX_PREFIXES);
      assertEquals("00010100000002", HexFormat.of().formatHex(n.data()));
    }
    assertNull(rib.find(s.peer(InetAddress.getByName(PEER)).key), "routes flushed");
  }

  static List<Capability> grCaps(int restartTime, boolean forwarding, int flags) {
    List<Capability> caps = FakePeer.standardCaps(PEER_AS);
    int f = forwarding ? GracefulRestartCapability.FAMILY_FORWARDING_PRESERVED : 0;
    caps.add(new GracefulRestartCapability(flags, restartTime,
        List.of(new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, f),
            new GracefulRestartCapability.Family(AfiSafi.IPV6_UNICAST, f))));
    return caps;
  }

  @Test
  void gracefulRestartStaleRoutesSweptAfterRestartTime() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    io.netty.channel.embedded.EmbeddedChannel timers = new io.netty.channel.embedded.EmbeddedChannel();
    timers.freezeTime();
    s.timerLoop = timers.eventLoop();
    FakePeer p = new FakePeer(s, PEER, false);
    p.establish(PEER_AS, "10.0.0.5", grCaps(120, true, 0));
    p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"), r("2001:db8::/32"));
    p.ch.close();
    p.ch.runPendingTasks();
    assertEquals(2, rib.find(s.peer(InetAddress.getByName(PEER)).key).countsWithStale().stale(), "kept as stale");
    assertEquals(1, routes("0.0.0.0/0").size());
    assertEquals("Active", info(s).state().replace("Idle", "Active"));
    timers.advanceTimeBy(119, java.util.concurrent.TimeUnit.SECONDS);
    timers.runScheduledPendingTasks();
    assertEquals(1, routes("0.0.0.0/0").size());
    timers.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);
    timers.runScheduledPendingTasks();
    assertEquals(0, routes("0.0.0.0/0").size(), "swept when the restart time expired");
    assertEquals(0, routes("::/0").size());
    p.close();
    timers.finishAndReleaseAll();
  }

  @Test
  void gracefulRestartPeerComesBackAndEndOfRibSweeps() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    FakePeer p = new FakePeer(s, PEER, false);
    p.establish(PEER_AS, "10.0.0.5", grCaps(120, false, 0));
    p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"), r("198.51.101.0/24"));
    p.announce(attrs(PEER_AS, 1), r("2001:db8::/32"), r("2001:db9::/32"));
    // the peer restarts: a new connection arrives while the old one still looks Established
    try (FakePeer again = new FakePeer(s, PEER, false)) {
      again.establish(PEER_AS, "10.0.0.5", grCaps(120, true, GracefulRestartCapability.FLAG_RESTART_STATE));
      p.ch.runPendingTasks();
      assertFalse(p.ch.isOpen(), "the old session is closed");
      assertEquals("Established", info(s).state());
      assertEquals(4, rib.find(s.peer(InetAddress.getByName(PEER)).key).countsWithStale().stale());
      again.announce(attrs(PEER_AS, 2), r("198.51.100.0/24"));
      again.announce(attrs(PEER_AS, 2), r("2001:db8::/32"));
      again.endOfRib(AfiSafi.IPV4_UNICAST);
      assertEquals(List.of("198.51.100.0/24"), routes("0.0.0.0/0").stream().map(x -> x.prefix().toString()).toList());
      assertEquals(List.of(AsPathSegment.sequence(65005, 2)), routes("0.0.0.0/0").get(0).asPath());
      assertEquals(2, routes("::/0").size(), "IPv6 still waits for its End-of-RIB");
      again.endOfRib(AfiSafi.IPV6_UNICAST);
      assertEquals(List.of("2001:db8::/32"), routes("::/0").stream().map(x -> x.prefix().toString()).toList());
      assertEquals(0, rib.find(s.peer(InetAddress.getByName(PEER)).key).countsWithStale().stale());
    }
    p.close();
  }

  @Test
  void gracefulRestartWithoutForwardingStateFlushesOnReconnect() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    FakePeer p = new FakePeer(s, PEER, false);
    p.establish(PEER_AS, "10.0.0.5", grCaps(120, true, 0));
    p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"));
    p.ch.close();
    p.ch.runPendingTasks();
    assertEquals(1, routes("0.0.0.0/0").size());
    try (FakePeer again = new FakePeer(s, PEER, false)) {
      again.establish(PEER_AS, "10.0.0.5", grCaps(120, false, GracefulRestartCapability.FLAG_RESTART_STATE));
      assertEquals(0, routes("0.0.0.0/0").size(), "F bit clear: stale routes removed at once");
    }
    p.close();
  }

  @Test
  void notificationWithNBitKeepsRoutesButHardResetFlushes() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    int n = GracefulRestartCapability.FLAG_NOTIFICATION;
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", grCaps(120, true, n));
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"));
      p.sendNotification(BgpError.CEASE, Notifications.CEASE_ADMIN_RESET, new byte[0]);
      p.ch.runPendingTasks();
      assertEquals(1, routes("0.0.0.0/0").size(), "RFC 8538: kept as stale");
    }
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      p.establish(PEER_AS, "10.0.0.5", grCaps(120, true, n));
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"));
      p.sendNotification(BgpError.CEASE, Notifications.CEASE_HARD_RESET, new byte[0]);
      p.ch.runPendingTasks();
      assertEquals(0, routes("0.0.0.0/0").size(), "Hard Reset flushes");
    }
  }

  @Test
  void enhancedRouteRefreshSweepsWhatWasNotRefreshed() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer p = new FakePeer(s, PEER, false)) {
      List<Capability> caps = FakePeer.standardCaps(PEER_AS);
      caps.add(new io.routemill.wire.bgp.capability.EnhancedRouteRefreshCapability());
      p.establish(PEER_AS, "10.0.0.5", caps);
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"), r("198.51.101.0/24"));
      ByteBuf b = Unpooled.buffer();
      BgpMessageEncoder.writeRouteRefresh(b, 1, 1, 1);
      p.ch.writeInbound(b);
      p.announce(attrs(PEER_AS, 1), r("198.51.100.0/24"));
      b = Unpooled.buffer();
      BgpMessageEncoder.writeRouteRefresh(b, 1, 2, 1);
      p.ch.writeInbound(b);
      assertEquals(1, routes("0.0.0.0/0").size());
      assertTrue(p.ch.isOpen());
    }
  }

  @Test
  void collisionResolution() throws Exception {
    // local id 192.0.2.100 > remote 10.0.0.5: the connection we initiated survives
    BgpSpeaker s = speaker(neighbor().withConnect(true, 179));
    try (FakePeer out = new FakePeer(s, PEER, true); FakePeer in = new FakePeer(s, PEER, false)) {
      out.expectOpen();
      in.expectOpen();
      out.sendOpen(PEER_AS, 90, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      assertEquals("OpenConfirm", info(s).state());
      in.sendOpen(PEER_AS, 90, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      in.expectNotification(BgpError.CEASE, Notifications.CEASE_COLLISION);
      out.sendKeepalive();
      assertEquals("Established", info(s).state());
    }
    // remote id higher: the connection the peer initiated survives
    BgpSpeaker s2 = speaker(neighbor().withConnect(true, 179));
    try (FakePeer out = new FakePeer(s2, PEER, true); FakePeer in = new FakePeer(s2, PEER, false)) {
      out.expectOpen();
      in.expectOpen();
      out.sendOpen(PEER_AS, 90, "203.0.113.9", FakePeer.standardCaps(PEER_AS));
      in.sendOpen(PEER_AS, 90, "203.0.113.9", FakePeer.standardCaps(PEER_AS));
      out.expectNotification(BgpError.CEASE, Notifications.CEASE_COLLISION);
      in.drain();
      in.sendKeepalive();
      assertEquals("Established", info(s2).state());
      assertNull(info(s2).lastError(), "collision resolution is not an error");
    }
    // a second connection while Established, no graceful restart: the new one is refused
    BgpSpeaker s3 = speaker(neighbor());
    try (FakePeer first = new FakePeer(s3, PEER, false); FakePeer second = new FakePeer(s3, PEER, false)) {
      first.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      second.expectOpen();
      second.sendOpen(PEER_AS, 90, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      second.expectNotification(BgpError.CEASE, Notifications.CEASE_COLLISION);
      assertTrue(first.ch.isOpen());
    }
  }

  /** Issue 9: a refused second connection must not overwrite what the established session reports. */
  @Test
  void aRejectedSecondConnectionLeavesTheEstablishedSessionsLastErrorAlone() throws Exception {
    BgpSpeaker s = speaker(neighbor());
    try (FakePeer first = new FakePeer(s, PEER, false)) {
      first.establish(PEER_AS, "10.0.0.5", FakePeer.standardCaps(PEER_AS));
      assertNull(info(s).lastError());
      try (FakePeer wrongAs = new FakePeer(s, PEER, false)) {
        wrongAs.expectOpen();
        wrongAs.sendOpen(65099, 90, "10.0.0.5", FakePeer.standardCaps(65099));
        wrongAs.expectNotification(BgpError.OPEN_MESSAGE_ERROR, Notifications.OPEN_BAD_PEER_AS);
      }
      try (FakePeer silent = new FakePeer(s, PEER, false)) {
        silent.expectOpen(); // then closes without a word
      }
      assertTrue(first.ch.isOpen());
      assertEquals("Established", info(s).state());
      assertNull(info(s).lastError(), "the established session has had no error");
      Map<String, Long> errors = s.errorCounts();
      assertEquals(2L, errors.getOrDefault("rejected-connection", 0L), errors.toString());
    }
  }

  /** Issue 9: refused connections are counted one by one but logged at most once a minute per address. */
  @Test
  void refusedConnectionsAreRateLimitedInTheLog() throws Exception {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("routemill.bgp");
    List<String> lines = new ArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        if (r.getMessage().contains("refused")) lines.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(capture);
    try {
      BgpSpeaker s = speaker(neighbor());
      for (int i = 0; i < 50; i++) {
        try (FakePeer p = new FakePeer(s, "192.0.2.77", false)) {
          p.drain();
        }
      }
      try (FakePeer other = new FakePeer(s, "192.0.2.78", false)) {
        other.drain();
      }
      assertEquals(51, s.refusedConnections());
      assertEquals(2, lines.size(), lines::toString);
      assertTrue(lines.get(0).contains("192.0.2.77") && lines.get(1).contains("192.0.2.78"), lines::toString);
    } finally {
      log.removeHandler(capture);
    }
  }
}
