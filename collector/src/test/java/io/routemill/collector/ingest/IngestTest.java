package io.routemill.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RibChangeListener;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.rib.RouteRow;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.rib.Updates;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one ingest path: RFC 7606 decisions, corrections on paths, flushes, publication order, back-pressure. */
class IngestTest {
  private static final long T = 1_700_000_000_000_000L;
  private static final byte[] PEER_ADDRESS = {(byte) 192, 0, 2, 10};

  private final Rib rib = new Rib();
  private final List<RouteEvent> published = new ArrayList<>();
  private boolean backlogged;
  private final List<Runnable> waiting = new ArrayList<>();
  private final Ingest ingest = new Ingest(rib, new RouteEventStream() {
    @Override
    public boolean publish(RouteEvent event) {
      published.add(event);
      return !backlogged;
    }

    @Override
    public boolean backlogged() {
      return backlogged;
    }

    @Override
    public void whenWritable(Runnable callback) {
      if (backlogged) waiting.add(callback); else callback.run();
    }

    @Override
    public void close() {}
  });

  private static PeerIdentity peer(String router, Source source, RibView view) {
    return PeerIdentity.of(router, source, PEER_ADDRESS, 65010, new byte[] {10, 0, 0, 10}, 0, view,
        new byte[] {(byte) 192, 0, 2, 1}, 65000, true);
  }

  private static final PeerIdentity PRE = peer("192.0.2.1", Source.BMP, RibView.ADJ_IN_PRE);

  private RouteEvent.RouteUpdate update(PeerIdentity p, Update u, Set<Correction> corrections) {
    return new RouteEvent.RouteUpdate(p, T, u, new byte[19], false, corrections);
  }

  private List<RouteRow> routes(String prefix) {
    return rib.routes(new RouteQuery(Prefix.parse(prefix), Match.MORE, 1000)).routes();
  }

  @Test
  void appliesThenPublishesAndRecordsTheCorrectionsOnThePaths() {
    Update u = Updates.announce(Updates.attrs(5, 65010, 3333), Updates.r("193.0.0.0/21"), Updates.r("2001:db8::/32"));
    assertEquals(Outcome.APPLIED, ingest.apply(update(PRE, u, Set.of(Correction.OWN_AS_REMOVED))));
    assertEquals(1, published.size());
    List<RouteRow> rows = routes("0.0.0.0/0");
    assertEquals(1, rows.size());
    assertEquals(Set.of(Correction.OWN_AS_REMOVED), rows.get(0).corrections());
    assertEquals(3333, rows.get(0).originAs().getAsLong());
    assertEquals(65010, rows.get(0).peerAsn());
    assertEquals(Set.of(Correction.OWN_AS_REMOVED), routes("::/0").get(0).corrections());
    assertEquals(PRE.table(), rows.get(0).key());
    assertEquals(4, rib.find(PRE.table()).peerBgpId().length);
  }

  @Test
  void worseThanTreatAsWithdrawIsNeitherAppliedNorPublished() {
    Update good = Updates.announce(Updates.attrs(5, 65010), Updates.r("193.0.0.0/21"));
    ingest.apply(update(PRE, good, Set.of()));
    Update bad = Updates.withAction(Updates.announce(Updates.attrs(9, 65010), Updates.r("193.0.0.0/21"),
        Updates.r("198.51.100.0/24")), Rfc7606Action.SESSION_RESET);
    assertEquals(Outcome.REJECTED, ingest.apply(update(PRE, bad, Set.of())));
    assertEquals(1, published.size(), "not published");
    List<RouteRow> rows = routes("0.0.0.0/0");
    assertEquals(1, rows.size(), "not half-applied: " + rows);
    assertEquals(5, rows.get(0).attributes().med().value());
  }

  @Test
  void treatAsWithdrawWithdrawsEveryPrefixItCarriesAndIsPublished() {
    ingest.apply(update(PRE, Updates.announce(Updates.attrs(5, 65010), Updates.r("193.0.0.0/21")), Set.of()));
    Update taw = Updates.withAction(Updates.announce(Updates.attrs(9, 65010), Updates.r("193.0.0.0/21")),
        Rfc7606Action.TREAT_AS_WITHDRAW);
    assertEquals(Outcome.TREATED_AS_WITHDRAW, ingest.apply(update(PRE, taw, Set.of())));
    assertTrue(routes("0.0.0.0/0").isEmpty());
    assertEquals(2, published.size());
    Update discard = Updates.withAction(Updates.announce(Updates.attrs(9, 65010), Updates.r("193.0.0.0/21")),
        Rfc7606Action.ATTRIBUTE_DISCARD);
    assertEquals(Outcome.ATTRIBUTE_DISCARDED, ingest.apply(update(PRE, discard, Set.of())));
    assertEquals(1, routes("0.0.0.0/0").size());
  }

  @Test
  void peerDownFlushesEveryViewOfThePeerUnlessGracefulRestartKeepsThem() {
    PeerIdentity post = PRE.inView(RibView.ADJ_IN_POST);
    PeerIdentity other = PeerIdentity.of("192.0.2.1", Source.BMP, new byte[] {(byte) 192, 0, 2, 11}, 65011,
        new byte[0], 0, RibView.ADJ_IN_PRE, null, 65000, true);
    Update u = Updates.announce(Updates.attrs(5, 65010), Updates.r("193.0.0.0/21"));
    ingest.apply(update(PRE, u, Set.of()));
    ingest.apply(update(post, u, Set.of()));
    ingest.apply(update(other, u, Set.of()));
    assertEquals(3, routes("0.0.0.0/0").size());
    ingest.apply(new RouteEvent.PeerDown(PRE, T, RouteEvent.DownReason.REMOTE_NO_NOTIFICATION, Optional.empty(), "",
        true, 1));
    assertEquals(3, routes("0.0.0.0/0").size(), "graceful restart: routes kept");
    ingest.apply(new RouteEvent.PeerDown(post, T, RouteEvent.DownReason.REMOTE_NOTIFICATION, Optional.empty(), "",
        false, 1));
    List<RouteRow> left = routes("0.0.0.0/0");
    assertEquals(1, left.size(), "both views of the peer flushed: " + left);
    assertEquals(other.table(), left.get(0).key());
  }

  private static RouteEvent.PeerUp peerUp(PeerIdentity p) {
    return new RouteEvent.PeerUp(p, T, null, null, io.routemill.wire.bgp.DecodeContext.AS4, 1);
  }

  @Test
  void aBmpPeerUpStartsEveryViewOfThePeerAfreshAndABgpOneKeepsItsStaleRoutes() {
    PeerIdentity post = PRE.inView(RibView.ADJ_IN_POST);
    PeerIdentity bgp = peer("192.0.2.100", Source.BGP, RibView.ADJ_IN_PRE);
    Update u = Updates.announce(Updates.attrs(5, 65010), Updates.r("193.0.0.0/21"));
    for (PeerIdentity p : List.of(PRE, post, bgp)) ingest.apply(update(p, u, Set.of()));
    // RFC 7854 §4.10: a new session of the monitored peer; what the old one reported is void
    assertEquals(Outcome.APPLIED, ingest.apply(peerUp(PRE)));
    assertNull(rib.find(PRE.table()));
    assertNull(rib.find(post.table()));
    // RFC 4724 §4.2: a BGP session's routes stay (stale) across its restart
    ingest.apply(peerUp(bgp));
    assertEquals(1, rib.find(bgp.table()).counts().prefixesIpv4());
    assertEquals(5, published.size());
  }

  @Test
  void aPeerUpForOneMoreViewStartsOnlyThatView() {
    PeerIdentity post = PRE.inView(RibView.ADJ_IN_POST);
    Update u = Updates.announce(Updates.attrs(5, 65010), Updates.r("193.0.0.0/21"));
    ingest.apply(update(PRE, u, Set.of()));
    ingest.apply(update(post, u, Set.of()));
    assertEquals(Outcome.APPLIED, ingest.applyAnotherView(peerUp(post)));
    assertNull(rib.find(post.table()));
    assertEquals(1, rib.find(PRE.table()).counts().prefixesIpv4());
    assertEquals(3, published.size());
  }

  @Test
  void routerDownFlushesTheRoutersTablesOfThatSourceOnly() {
    PeerIdentity mrt = peer("192.0.2.1", Source.MRT, RibView.ADJ_IN_PRE);
    PeerIdentity elsewhere = peer("192.0.2.2", Source.BMP, RibView.ADJ_IN_PRE);
    Update u = Updates.announce(Updates.attrs(5, 65010), Updates.r("193.0.0.0/21"));
    for (PeerIdentity p : List.of(PRE, mrt, elsewhere)) ingest.apply(update(p, u, Set.of()));
    ingest.apply(new RouteEvent.RouterDown("192.0.2.1", Source.BMP, T, "connection closed"));
    assertNull(rib.find(PRE.table()));
    assertNotNull(rib.find(mrt.table()));
    assertNotNull(rib.find(elsewhere.table()));
  }

  @Test
  void tableEntriesAndEndOfRibGoIntoThePeersTable() {
    PeerIdentity mrt = peer("rrc00", Source.MRT, RibView.ADJ_IN_PRE);
    PathAttributes a = Updates.announce(Updates.attrs(7, 65010, 12654)).attributes();
    ingest.apply(new RouteEvent.TableEntry(mrt, T, Prefix.parse("84.205.64.0/24"), Route.NO_PATH_ID, a, 1_600_000_000));
    ingest.apply(new RouteEvent.TableEntry(mrt, T, Prefix.parse("84.205.64.0/24"), 7, a, 1_600_000_001));
    List<RouteRow> rows = routes("84.205.64.0/24");
    assertEquals(2, rows.size());
    assertEquals(12654, rows.get(0).originAs().getAsLong());
    assertEquals(1_600_000_000L, rows.get(0).receivedAt().getEpochSecond());
    ingest.apply(new RouteEvent.EndOfRib(mrt, T, AfiSafi.IPV4_UNICAST, new byte[23], false));
    assertEquals(T / 1000, rib.find(mrt.table()).endOfRib(AfiSafi.IPV4_UNICAST));
    assertEquals(3, published.size());
  }

  @Test
  void changeListenersHearWhichPrefixesChanged() {
    List<String> heard = new ArrayList<>();
    rib.addChangeListener(new RibChangeListener() {
      @Override
      public void prefixesChanged(TableKey table, List<Prefix> prefixes) {
        heard.add(table.peerAddress() + " " + prefixes);
      }

      @Override
      public void tableDropped(TableKey table) {
        heard.add("dropped " + table.peerAddress());
      }
    });
    ingest.apply(update(PRE, Updates.announce(Updates.attrs(5, 65010), Updates.r("193.0.0.0/21", 1),
        Updates.r("193.0.0.0/21", 2), Updates.r("2001:db8::/32")), Set.of()));
    ingest.apply(update(PRE, Updates.withdraw(Updates.r("193.0.0.0/21", 1)), Set.of()));
    ingest.apply(new RouteEvent.PeerDown(PRE, T, RouteEvent.DownReason.PEER_DECONFIGURED, Optional.empty(), "", false, 1));
    assertEquals(List.of("192.0.2.10 [193.0.0.0/21]", "192.0.2.10 [2001:db8::/32]", "192.0.2.10 [193.0.0.0/21]",
        "dropped 192.0.2.10"), heard);
  }

  @Test
  void backPressureIsTheStreamsAndReadersWaitForIt() {
    assertFalse(ingest.backlogged());
    backlogged = true;
    assertTrue(ingest.backlogged());
    boolean[] resumed = {false};
    ingest.whenWritable(() -> resumed[0] = true);
    assertFalse(resumed[0]);
    // nothing is refused while backlogged: the event is applied and published all the same
    assertEquals(Outcome.APPLIED, ingest.apply(update(PRE, Updates.announce(Updates.attrs(5, 65010),
        Updates.r("193.0.0.0/21")), Set.of())));
    assertEquals(1, routes("0.0.0.0/0").size());
    backlogged = false;
    waiting.forEach(Runnable::run);
    assertTrue(resumed[0]);
  }
}
