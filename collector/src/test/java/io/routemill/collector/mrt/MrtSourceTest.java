package io.routemill.collector.mrt;

import static io.routemill.collector.mrt.MrtBytes.ATTRS_AS2;
import static io.routemill.collector.mrt.MrtBytes.ATTRS_AS4;
import static io.routemill.collector.mrt.MrtBytes.hex;
import static io.routemill.collector.mrt.MrtBytes.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.event.RouteEvent.DownReason;
import io.routemill.collector.event.RouteEvent.EndOfRib;
import io.routemill.collector.event.RouteEvent.PeerDown;
import io.routemill.collector.event.RouteEvent.RouteUpdate;
import io.routemill.collector.event.RouteEvent.RouterUp;
import io.routemill.collector.event.RouteEvent.StateChange;
import io.routemill.collector.event.RouteEvent.TableEntry;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtType;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event mapping of every MRT record type {@link MrtSource} reads, on hand-laid records. */
class MrtSourceTest {
  private static final long T = 1_600_000_000L;
  private static final String PEER4 = "c6336401"; // 198.51.100.1
  private static final String LOCAL4 = "c6336402"; // 198.51.100.2
  private static final String PEER6 = "20010db8000000000000000000000002";
  private static final String LOCAL6 = "20010db8000000000000000000000003";

  @TempDir
  Path dir;
  private final List<RouteEvent> events = new ArrayList<>();
  private final List<MrtProblem> problems = new ArrayList<>();

  private MrtSummary read(Path file, String router) throws IOException {
    return new MrtSource(file, router).read(events::add, problems::add);
  }

  private <T extends RouteEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static String entry(int peerIndex, long pathId, String attrs) {
    return MrtBytes.u16(peerIndex) + MrtBytes.u32(T - 60) + (pathId >= 0 ? MrtBytes.u32(pathId) : "")
        + MrtBytes.u16(attrs.length() / 2) + attrs;
  }

  private static String peerIndexTable(String view) {
    String v = new String(hex(view.isEmpty() ? "" : view), java.nio.charset.StandardCharsets.ISO_8859_1);
    return "c00002fe" + MrtBytes.u16(v.length()) + view + "0002"
        + "02" + "0a000001" + PEER4 + "0000fde8" // IPv4, 4-octet AS 65000
        + "03" + "0a000002" + PEER6 + "fa56ea00"; // IPv6, AS 4200000000
  }

  @Test
  void tableDumpV2GivesOneIdentityPerPeerIndexAndATableEntryPerUnicastEntry() throws IOException {
    Path file = new MrtBytes()
        .record(T, MrtType.TABLE_DUMP_V2, MrtType.PEER_INDEX_TABLE, -1, peerIndexTable(""))
        .record(T, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV4_UNICAST, -1, "00000000" + "180a0001" + "0003"
            + entry(0, -1, ATTRS_AS4) + entry(1, -1, ATTRS_AS4) + entry(5, -1, ATTRS_AS4))
        .record(T, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV4_MULTICAST, -1, "00000001" + "180a0001" + "0001"
            + entry(0, -1, ATTRS_AS4))
        .record(T + 1, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV6_UNICAST_ADDPATH, -1, "00000002" + "2020010db" + "8"
            + "0001" + entry(1, 7, ATTRS_AS4))
        .write(dir, "bview.20160811.1600.gz");
    MrtSummary s = read(file, null);

    RouterUp up = assertInstanceOf(RouterUp.class, events.get(0));
    assertEquals("192.0.2.254", up.router());
    assertEquals(Source.MRT, up.source());
    assertEquals("bview.20160811.1600.gz", up.sysName());
    List<TableEntry> entries = events(TableEntry.class);
    assertEquals(3, entries.size(), entries.toString());
    TableEntry e0 = entries.get(0);
    PeerIdentity p0 = e0.peer();
    assertEquals("192.0.2.254", p0.router());
    assertEquals(Source.MRT, p0.source());
    assertEquals("198.51.100.1", p0.addressText());
    assertEquals(65000, p0.asn());
    assertEquals("10.0.0.1", p0.bgpIdText());
    assertEquals(0, p0.distinguisher());
    assertEquals(RibView.ADJ_IN_PRE, p0.view());
    assertEquals(0, p0.localAddress().length);
    assertEquals(0, p0.localAs());
    assertTrue(p0.fourOctetAs());
    assertEquals(T * 1_000_000L, e0.receivedAtMicros());
    assertEquals(Prefix.parse("10.0.1.0/24"), e0.prefix());
    assertEquals(Route.NO_PATH_ID, e0.pathId());
    assertEquals(T - 60, e0.originatedSeconds());
    assertEquals("65000 65001", AsPathSegment.toText(e0.attributes().effectiveAsPath()));

    PeerIdentity p1 = entries.get(1).peer();
    assertEquals("2001:db8::2", p1.addressText());
    assertEquals(4_200_000_000L, p1.asn());
    TableEntry addPath = entries.get(2);
    assertSame(p1, addPath.peer(), "one identity per peer index, shared by its entries");
    assertEquals(Prefix.parse("2001:db8::/32"), addPath.prefix());
    assertEquals(7, addPath.pathId());
    assertEquals((T + 1) * 1_000_000L, addPath.receivedAtMicros());

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).reason().contains("peer index 5"), problems.toString());
    assertEquals(new MrtSummary(file.toString(), "192.0.2.254", 4, 3, 0, 0, 2, 1, 2, s.elapsedNanos()), s);
  }

  @Test
  void routerNameIsTheCollectorIdAndViewOrTheCallersName() throws IOException {
    Path file = new MrtBytes()
        .record(T, MrtType.TABLE_DUMP_V2, MrtType.PEER_INDEX_TABLE, -1, peerIndexTable("6d6173746572")) // "master"
        .record(T, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV4_UNICAST, -1, "00000000" + "180a0001" + "0001"
            + entry(0, -1, ATTRS_AS4))
        .write(dir, "rib");
    assertEquals("192.0.2.254/master", read(file, null).router());
    assertEquals("192.0.2.254/master", events(TableEntry.class).get(0).peer().table().router());
    events.clear();
    assertEquals("rrc00", read(file, "rrc00").router());
    assertEquals("rrc00", events(TableEntry.class).get(0).peer().router());
    assertEquals("rrc00", ((RouterUp) events.get(0)).router());
  }

  @Test
  void legacyTableDumpGivesOneTwoOctetIdentityPerPeer() throws IOException {
    String body = "0000" + "0000" + "0a000100" + "18" + "01" + MrtBytes.u32(T - 60) + PEER4 + "fde8"
        + MrtBytes.u16(ATTRS_AS2.length() / 2) + ATTRS_AS2;
    String body2 = body.replace("0a000100", "0a000200");
    Path file = new MrtBytes().record(T, MrtType.TABLE_DUMP, 1, -1, body).record(T, MrtType.TABLE_DUMP, 1, -1, body2)
        .write(dir, "bview.20020722.2337.gz");
    MrtSummary s = read(file, null);
    assertEquals("bview", s.router());
    List<TableEntry> entries = events(TableEntry.class);
    assertEquals(2, entries.size());
    PeerIdentity p = entries.get(0).peer();
    assertSame(p, entries.get(1).peer());
    assertEquals("198.51.100.1", p.addressText());
    assertEquals(65000, p.asn());
    assertNull(p.bgpIdText());
    assertFalse(p.fourOctetAs());
    assertEquals(Route.NO_PATH_ID, entries.get(0).pathId());
    assertEquals(Prefix.parse("10.0.2.0/24"), entries.get(1).prefix());
    assertEquals("65000 65001", AsPathSegment.toText(entries.get(0).attributes().effectiveAsPath()));
    assertEquals(T - 60, entries.get(0).originatedSeconds());
    assertEquals(1, s.peers());
  }

  private static String session4(String message) {
    return "0000fde8" + "0000fde9" + "0000" + "0001" + PEER4 + LOCAL4 + message;
  }

  private static String state4(int oldState, int newState) {
    return "0000fde8" + "0000fde9" + "0000" + "0001" + PEER4 + LOCAL4 + MrtBytes.u16(oldState)
        + MrtBytes.u16(newState);
  }

  @Test
  void bgp4mpMessagesAndStateChanges() throws IOException {
    String first = update("", ATTRS_AS4, "180a0001");
    Path file = new MrtBytes()
        .record(T, MrtType.BGP4MP_ET, MrtType.BGP4MP_MESSAGE_AS4, 123456, session4(first))
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4_ADDPATH, -1,
            session4(update("", ATTRS_AS4, "00000001180a0002")))
        // BIRD: path ids in a record whose subtype says there are none
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, session4(update("", ATTRS_AS4, "00000064180a0003")))
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, session4(update("", "", "")))
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, session4(MrtBytes.keepalive()))
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4_LOCAL, -1, session4(update("", ATTRS_AS4, "180a0005")))
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE, -1, "fde8" + "fde9" + "0000" + "0001" + PEER4 + LOCAL4
            + update("", ATTRS_AS2, "180a0004"))
        .record(T + 1, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE_AS4, -1, state4(1, 2))
        .record(T + 2, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE_AS4, -1, state4(6, 1))
        .record(T + 3, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE_AS4, -1, state4(6, 3))
        .record(T + 4, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE, -1, "fde8" + "fde9" + "0000" + "0002" + PEER6
            + LOCAL6 + "0003" + "0004")
        .write(dir, "updates.20160811.1600.gz");
    MrtSummary s = read(file, null);
    assertEquals("updates", s.router());

    List<RouteUpdate> updates = events(RouteUpdate.class);
    assertEquals(5, updates.size(), updates.toString());
    RouteUpdate u = updates.get(0);
    PeerIdentity p = u.peer();
    assertEquals("updates", p.router());
    assertEquals("198.51.100.1", p.addressText());
    assertEquals(65000, p.asn());
    assertArrayEquals(hex(LOCAL4), p.localAddress());
    assertEquals(65001, p.localAs());
    assertTrue(p.fourOctetAs());
    assertNull(p.bgpIdText());
    assertEquals(RibView.ADJ_IN_PRE, p.view());
    assertEquals(T * 1_000_000L + 123456, u.receivedAtMicros());
    assertArrayEquals(hex(first), u.raw());
    assertFalse(u.addPath());
    assertEquals(Set.of(), u.corrections());
    assertEquals(Prefix.parse("10.0.1.0/24"), u.update().announced().get(0).prefix());

    RouteUpdate ap = updates.get(1);
    assertSame(p, ap.peer(), "one identity per session");
    assertTrue(ap.addPath());
    assertEquals(Set.of(), ap.corrections());
    assertEquals(1, ap.update().announced().get(0).pathId());

    RouteUpdate flipped = updates.get(2);
    assertTrue(flipped.addPath());
    assertEquals(Set.of(Correction.ADD_PATH_FLIPPED), flipped.corrections());
    assertEquals(new Route(Prefix.parse("10.0.3.0/24"), 100), flipped.update().announced().get(0));
    assertTrue(problems.stream().anyMatch(x -> x.reason().contains("ADD-PATH")), problems.toString());

    EndOfRib eor = events(EndOfRib.class).get(0);
    assertSame(p, eor.peer());
    assertEquals(AfiSafi.IPV4_UNICAST, eor.family());
    assertFalse(eor.addPath());

    RouteUpdate local = updates.get(3);
    assertEquals(RibView.ADJ_OUT_POST, local.peer().view(), "the collector's own messages: its Adj-RIB-Out");
    assertArrayEquals(p.address(), local.peer().address());

    RouteUpdate twoOctet = updates.get(4);
    assertFalse(twoOctet.peer().fourOctetAs());
    assertEquals(p.table(), twoOctet.peer().table(), "the same peer's table");
    assertEquals("65000 65001", AsPathSegment.toText(twoOctet.update().attributes().effectiveAsPath()));

    List<StateChange> changes = events(StateChange.class);
    assertEquals(2, changes.size(), changes.toString());
    assertSame(p, changes.get(0).peer());
    assertEquals(1, changes.get(0).oldState());
    assertEquals(2, changes.get(0).newState());
    assertEquals((T + 1) * 1_000_000L, changes.get(0).receivedAtMicros());
    StateChange v6 = changes.get(1);
    assertTrue(v6.peer().isIpv6());
    assertFalse(v6.peer().fourOctetAs());
    assertEquals(3, v6.oldState());
    assertEquals(4, v6.newState());

    List<PeerDown> downs = events(PeerDown.class);
    assertEquals(2, downs.size());
    PeerDown down = downs.get(0);
    assertSame(p, down.peer());
    assertEquals(DownReason.REMOTE_NO_NOTIFICATION, down.reason());
    assertTrue(down.notification().isEmpty());
    assertFalse(down.routesKept());
    assertEquals(1, down.newState());
    assertEquals(3, downs.get(1).newState());

    assertEquals(11, s.records());
    assertEquals(6, s.updates());
    assertEquals(4, s.stateChanges());
    assertEquals(1, s.skipped(), "the KEEPALIVE");
    assertEquals(3, s.peers(), "198.51.100.1 adj-in-pre and adj-out-post, 2001:db8::2");
  }

  @Test
  void deprecatedBgpRecordsAndOldZebraStateChanges() throws IOException {
    String updateBody = "0000" + MrtBytes.u16(ATTRS_AS2.length() / 2) + ATTRS_AS2 + "180a0001";
    Path file = new MrtBytes()
        .record(T, MrtType.BGP, MrtType.BGP_UPDATE, -1, "fde8" + PEER4 + "fde9" + LOCAL4 + updateBody)
        .record(T, MrtType.BGP, MrtType.BGP_STATE_CHANGE, -1, "fde8" + PEER4 + "0006" + "0001")
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE, -1, "fde8" + "fde9" + "0001" + "0006")
        .write(dir, "updates.19991214.1621.gz");
    MrtSummary s = read(file, null);
    RouteUpdate u = events(RouteUpdate.class).get(0);
    assertFalse(u.peer().fourOctetAs());
    assertEquals("198.51.100.1", u.peer().addressText());
    assertArrayEquals(hex(LOCAL4), u.peer().localAddress());
    assertFalse(u.addPath());
    assertEquals("65000 65001", AsPathSegment.toText(u.update().attributes().effectiveAsPath()));
    assertEquals(Prefix.parse("10.0.1.0/24"), u.update().announced().get(0).prefix());
    assertEquals(19 + updateBody.length() / 2, u.raw().length, "the message with a rebuilt header");
    PeerDown down = events(PeerDown.class).get(0);
    assertEquals(u.peer().table(), down.peer().table());
    assertEquals(0, down.peer().localAddress().length, "type 5 state changes carry no local address");
    assertEquals(1, down.newState());
    StateChange zebra = events(StateChange.class).get(0);
    assertEquals("0.0.0.0", zebra.peer().addressText());
    assertEquals(1, zebra.oldState());
    assertEquals(6, zebra.newState());
    assertEquals(2, s.stateChanges());
    assertEquals(0, s.skipped());
  }

  @Test
  void damagedRecordsAreProblemsAndReadingGoesOn() throws IOException {
    Path file = new MrtBytes()
        .record(T, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV4_UNICAST, -1, "00000000" + "180a0001" + "0001" + "00")
        .record(T, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV4_UNICAST, -1, "00000000" + "180a0001" + "0001"
            + entry(0, -1, ATTRS_AS4))
        .record(T, 99, 0, -1, "00")
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, session4(update("", ATTRS_AS4, "180a0001")))
        .write(dir, "mixed");
    MrtSummary s = read(file, null);
    assertEquals("mixed", s.router());
    assertEquals(4, s.records());
    assertEquals(0, s.tableEntries(), "no PEER_INDEX_TABLE: no peer");
    assertEquals(1, s.updates());
    assertEquals(3, s.skipped());
    assertEquals(3, s.problems(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.reason().contains("before any PEER_INDEX_TABLE")),
        problems.toString());
    assertEquals(1, events(RouteUpdate.class).size());
  }

  @Test
  void aFileCutInARecordEndsWithAProblem() throws IOException {
    byte[] whole = new MrtBytes()
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, session4(update("", ATTRS_AS4, "180a0001")))
        .record(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, -1, session4(update("", ATTRS_AS4, "180a0002")))
        .bytes();
    Path file = java.nio.file.Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(whole, whole.length - 3));
    MrtSummary s = read(file, null);
    assertEquals(1, s.updates());
    assertEquals(1, s.problems());
    assertTrue(problems.get(0).skipped());
  }

  @Test
  void aMissingFileIsAnError() {
    assertThrows(NoSuchFileException.class, () -> read(dir.resolve("none.gz"), null));
  }

  @Test
  void anEmptyFileHasNoEvents() throws IOException {
    MrtSummary s = read(java.nio.file.Files.write(dir.resolve("empty"), new byte[0]), null);
    assertEquals(List.of(), events);
    assertNull(s.router());
    assertEquals(0, s.records());
  }

  @Test
  void routerNamesOfFiles() {
    assertEquals("updates", MrtSource.routerName("updates.20160811.1600.gz"));
    assertEquals("bview", MrtSource.routerName("bview.20020722.2337.gz"));
    assertEquals("rib", MrtSource.routerName("rib.20140523.0600_firstMB.bz2"));
    assertEquals("rib6", MrtSource.routerName("rib6.20151101.0600_firstMB.bz2"));
    assertEquals("routeviews.route-views.jinx.updates",
        MrtSource.routerName("routeviews.route-views.jinx.updates.1427846400.bz2"));
    assertEquals("updates.et-header", MrtSource.routerName("updates.et-header.2015.gz"));
    assertEquals("bview.ipv4_unicast_add_path", MrtSource.routerName("bview.ipv4_unicast_add_path.gz"));
    assertEquals("bird6_bgp", MrtSource.routerName("bird6_bgp"));
    assertEquals("updates", MrtSource.routerName("updates.bz2"));
    assertEquals("dump", MrtSource.routerName("dump.mrt.gz"));
    assertEquals("20160811", MrtSource.routerName("20160811.1600.gz"));
  }

  @Test
  void onlyLeavingEstablishedIsAPeerDown() {
    PeerIdentity p = PeerIdentity.of("r", Source.MRT, new byte[4], 1, null, 0, RibView.ADJ_IN_PRE, null, 0, true);
    assertInstanceOf(StateChange.class, MrtStates.event(p, 0, 5, 6));
    assertInstanceOf(StateChange.class, MrtStates.event(p, 0, 6, 6));
    assertInstanceOf(StateChange.class, MrtStates.event(p, 0, 1, 2));
    assertInstanceOf(PeerDown.class, MrtStates.event(p, 0, 6, 2));
    assertEquals(2, ((PeerDown) MrtStates.event(p, 0, 6, 2)).newState());
  }
}
