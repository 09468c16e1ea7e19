package io.routemill.collector.mrt;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.rib.TableKey;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.mrt.MrtMessage;
import io.routemill.wire.mrt.MrtMessage.BgpMessageRecord;
import io.routemill.wire.mrt.MrtMessage.MrtHeader;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;
import io.routemill.wire.mrt.MrtMessage.RibEntry;
import io.routemill.wire.mrt.MrtMessage.RibRecord;
import io.routemill.wire.mrt.MrtMessage.StateChange;
import io.routemill.wire.mrt.MrtMessage.TableDump;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtType;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the decoded records of one MRT file into events, in file order (see {@link MrtSource} for the mapping);
 * keeps the file's peer identities and counts. Times are the record header's, in microseconds. Not thread-safe.
 */
final class MrtEvents {
  private static final Set<Correction> FLIPPED = Set.of(Correction.ADD_PATH_FLIPPED);

  private final String source;
  private final Consumer<? super MrtProblem> problems;
  private final MrtPeers peers;
  private final Set<PeerIdentity> used = Collections.newSetFromMap(new IdentityHashMap<>());
  long tableEntries;
  long updates;
  long stateChanges;
  long skipped;

  MrtEvents(String source, String router, Consumer<? super MrtProblem> problems) {
    this.source = source;
    this.problems = problems;
    this.peers = new MrtPeers(router);
  }

  /** Distinct peer tables (peer address and view) that events were about. */
  int peers() {
    Set<TableKey> tables = new HashSet<>();
    for (PeerIdentity p : used) tables.add(p.table());
    return tables.size();
  }

  private PeerIdentity use(PeerIdentity p) {
    used.add(p);
    return p;
  }

  /** Hands the record's events to {@code out}. */
  void map(MrtMessage m, Consumer<? super RouteEvent> out) {
    if (m instanceof PeerIndexTable p) {
      peers.index(p);
    } else if (m instanceof RibRecord r) {
      rib(r, out);
    } else if (m instanceof TableDump t) {
      tableEntries++;
      out.accept(new RouteEvent.TableEntry(use(peers.tableDump(t.peerAddress(), t.peerAs())), micros(t.header()),
          t.prefix(), Route.NO_PATH_ID, t.attributes(), t.originatedTime()));
    } else if (m instanceof BgpMessageRecord b) {
      message(b, out);
    } else if (m instanceof StateChange s) {
      stateChange(s, out);
    } else {
      skipped++; // Unsupported: the decoder reported why
    }
  }

  static long micros(MrtHeader h) {
    return h.timestamp() * 1_000_000L + Math.max(0, h.microseconds());
  }

  private void rib(RibRecord r, Consumer<? super RouteEvent> out) {
    if (r.family() != AfiSafi.IPV4_UNICAST && r.family() != AfiSafi.IPV6_UNICAST) {
      skipped++; // the RIB keys routes by prefix and path id only: multicast would overwrite unicast
      return;
    }
    if (!peers.indexed()) {
      skipped++;
      problem(r.header(), "RIB record before any PEER_INDEX_TABLE; skipped");
      return;
    }
    long micros = micros(r.header());
    for (RibEntry e : r.entries()) {
      PeerIdentity peer = peers.indexed(e.peerIndex());
      if (peer == null) {
        skipped++;
        problem(r.header(), "RIB entry names peer index " + e.peerIndex() + " beyond the PEER_INDEX_TABLE;"
            + " entry skipped");
        continue;
      }
      tableEntries++;
      out.accept(new RouteEvent.TableEntry(use(peer), micros, r.prefix(), e.pathId(), e.attributes(),
          e.originatedTime()));
    }
  }

  private void message(BgpMessageRecord b, Consumer<? super RouteEvent> out) {
    if (!(b.message() instanceof Update u)) {
      skipped++;
      return;
    }
    MrtHeader h = b.header();
    boolean bgp4mp = h.type() != MrtType.BGP; // else the deprecated type 5: 2-octet AS, no ADD-PATH, not local
    int s = h.subtype();
    boolean as4 = bgp4mp && (s == MrtType.BGP4MP_MESSAGE_AS4 || s == MrtType.BGP4MP_MESSAGE_AS4_LOCAL
        || s == MrtType.BGP4MP_MESSAGE_AS4_ADDPATH || s == MrtType.BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH);
    boolean local = bgp4mp && (s == MrtType.BGP4MP_MESSAGE_LOCAL || s == MrtType.BGP4MP_MESSAGE_AS4_LOCAL
        || s == MrtType.BGP4MP_MESSAGE_LOCAL_ADDPATH || s == MrtType.BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH);
    boolean declaredAddPath = bgp4mp && s >= MrtType.BGP4MP_MESSAGE_ADDPATH
        && s <= MrtType.BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
    PeerIdentity peer = use(peers.session(b.peerAddress(), b.peerAs(), b.localAddress(), b.localAs(), as4, local));
    long micros = micros(h);
    updates++;
    AfiSafi eor = u.endOfRibFamily();
    if (eor != null) {
      out.accept(new RouteEvent.EndOfRib(peer, micros, eor, u.raw(), declaredAddPath));
      return;
    }
    // The decoder reads with the opposite ADD-PATH setting only when the declared one does not decode cleanly
    // (BIRD's files); its NLRI then tell which reading it used.
    boolean addPath = hasNlri(u) ? u.hasPathIds() : declaredAddPath;
    out.accept(new RouteEvent.RouteUpdate(peer, micros, u, u.raw(), addPath,
        addPath != declaredAddPath ? FLIPPED : Set.of()));
  }

  private static boolean hasNlri(Update u) {
    var reach = u.attributes().mpReach();
    var unreach = u.attributes().mpUnreach();
    return !u.announced().isEmpty() || !u.withdrawn().isEmpty() || (reach != null && !reach.routes().isEmpty())
        || (unreach != null && !unreach.routes().isEmpty());
  }

  private void stateChange(StateChange s, Consumer<? super RouteEvent> out) {
    MrtHeader h = s.header();
    boolean bgp4mp = h.type() != MrtType.BGP;
    boolean as4 = bgp4mp && h.subtype() == MrtType.BGP4MP_STATE_CHANGE_AS4;
    // the deprecated type 5 records have no local address (the decoder gives 0.0.0.0)
    byte[] local = bgp4mp ? s.localAddress() : new byte[0];
    PeerIdentity peer = use(peers.session(s.peerAddress(), s.peerAs(), local, s.localAs(), as4, false));
    stateChanges++;
    out.accept(MrtStates.event(peer, micros(h), s.oldState(), s.newState()));
  }

  private void problem(MrtHeader h, String reason) {
    problems.accept(new MrtProblem(source, h.offset(), h.type(), h.subtype(), reason, true));
  }
}
