package io.routemill.collector.ingest;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.event.RouteEvent.EndOfRib;
import io.routemill.collector.event.RouteEvent.PeerDown;
import io.routemill.collector.event.RouteEvent.PeerUp;
import io.routemill.collector.event.RouteEvent.RouteUpdate;
import io.routemill.collector.event.RouteEvent.RouterDown;
import io.routemill.collector.event.RouteEvent.TableEntry;
import io.routemill.collector.rib.CanonicalAttributes;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.stream.RouteEventStream;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.attr.PathAttributes;

/**
 * The one path from every source — the BMP station, the BGP speaker, the MRT loader — to the RIB and to the
 * consumers: each event is applied to the RIB first (so a consumer that reacts to it by querying sees it), then
 * published on the event stream.
 *
 * <ul>
 *   <li><b>RFC 7606 decision</b> (§2, §3 h): an UPDATE worse than treat-as-withdraw is neither applied nor
 *       published; treat-as-withdraw withdraws every prefix it carries; attribute discard applies the rest.
 *       Router quirks were corrected before ({@link BmpQuirks}); the corrections travel on the event and are
 *       recorded on the paths.
 *   <li><b>Flushes</b>: a Peer Down drops every view of the peer (unless graceful restart keeps its routes), a
 *       Router Down every table learned through the router. A BMP Peer Up starts the peer's tables afresh, every
 *       view (RFC 7854 §4.10: the monitored session was (re-)established, so what an earlier session reported is
 *       void, even when its Peer Down never came); {@link #applyAnotherView} for a Peer Up that only announces
 *       one more view of a session already up. A BGP session's Peer Up keeps its stale routes (RFC 4724 §4.2).
 *   <li><b>Back-pressure</b>: events are never dropped; when the stream is above its high water,
 *       {@link #backlogged()} is true and sources stop reading ({@link ReadPause}, or a loader thread waits on
 *       {@link #whenWritable}) until it drains.
 * </ul>
 * Thread-safe: each source calls it from its own thread (a connection's event loop); one peer's events come from
 * one thread, in order.
 */
public final class Ingest {
  private final Rib rib;
  private final RouteEventStream events;

  public Ingest(Rib rib, RouteEventStream events) {
    this.rib = rib;
    this.events = events;
  }

  public Rib rib() {
    return rib;
  }

  /** Applies the event to the RIB and publishes it; see the class comment. */
  public Outcome apply(RouteEvent event) {
    Outcome outcome = Outcome.APPLIED;
    if (event instanceof RouteUpdate u) {
      outcome = outcome(u.update().action());
      if (outcome == Outcome.REJECTED) return outcome;
      table(u.peer()).apply(u.update(), u.receivedAtMicros() / 1000, Correction.bits(u.corrections()));
    } else if (event instanceof TableEntry e) {
      PathAttributes a = e.attributes();
      table(e.peer()).put(e.prefix(), e.pathId(), CanonicalAttributes.encode(a, a.mpReach()), e.originatedSeconds());
    } else if (event instanceof EndOfRib eor) {
      table(eor.peer()).markEndOfRib(eor.family(), eor.receivedAtMicros() / 1000);
    } else if (event instanceof PeerUp up) {
      if (up.peer().source() == Source.BMP) dropEveryView(up.peer());
    } else if (event instanceof PeerDown down) {
      if (!down.routesKept()) dropEveryView(down.peer());
    } else if (event instanceof RouterDown down) {
      for (TableKey k : rib.keys()) {
        if (k.router().equals(down.router()) && k.source() == down.source()) rib.drop(k);
      }
    }
    events.publish(event);
    return outcome;
  }

  /**
   * A BMP Peer Up announcing one more view (L/O flags) of a session whose Peer Up is in force with the same OPENs
   * (routers may send one per view): only that view's table starts afresh, the others keep what arrived since.
   */
  public Outcome applyAnotherView(PeerUp up) {
    rib.drop(up.peer().table());
    events.publish(up);
    return Outcome.APPLIED;
  }

  private void dropEveryView(PeerIdentity peer) {
    for (RibView view : RibView.values()) rib.drop(peer.inView(view).table());
  }

  /** Whether sources should stop reading until {@link #whenWritable} calls back. */
  public boolean backlogged() {
    return events.backlogged();
  }

  /** Runs {@code callback} once, on any thread, when the stream has room again (at once if it has). */
  public void whenWritable(Runnable callback) {
    events.whenWritable(callback);
  }

  private PeerTable table(PeerIdentity peer) {
    PeerTable t = rib.table(peer.table());
    if (t.peerAsn() != peer.asn()) t.setPeerAsn(peer.asn());
    if (t.peerBgpId() != peer.bgpId()) t.setPeerBgpId(peer.bgpId());
    return t;
  }

  static Outcome outcome(Rfc7606Action action) {
    return switch (action) {
      case NONE -> Outcome.APPLIED;
      case ATTRIBUTE_DISCARD -> Outcome.ATTRIBUTE_DISCARDED;
      case TREAT_AS_WITHDRAW -> Outcome.TREATED_AS_WITHDRAW;
      default -> Outcome.REJECTED;
    };
  }
}
