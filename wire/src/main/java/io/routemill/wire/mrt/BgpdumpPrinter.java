package io.routemill.wire.mrt;

import io.routemill.wire.mrt.MrtMessage.BgpMessageRecord;
import io.routemill.wire.mrt.MrtMessage.Peer;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;
import io.routemill.wire.mrt.MrtMessage.RibEntry;
import io.routemill.wire.mrt.MrtMessage.RibRecord;
import io.routemill.wire.mrt.MrtMessage.StateChange;
import io.routemill.wire.mrt.MrtMessage.TableDump;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints MRT records in bgpdump's one-line {@code -m} format, byte for byte as Debian's bgpdump 1.6.2 does,
 * so the scripts researchers already own keep working on routemill's archives.
 *
 * <p>Line shapes (fields separated by {@code |}):
 * <pre>
 *   TABLE_DUMP|time|B|peer|peerAS|prefix|ATTRS          TABLE_DUMP2[_AP]|time|B|peer|peerAS|prefix[|pathId]|ATTRS
 *   BGP4MP[_ET][_LOCAL][_AP]|time|A|peer|peerAS|prefix[|pathId]|ATTRS
 *   BGP4MP[_ET][_LOCAL][_AP]|time|W|peer|peerAS|prefix[|pathId]
 *   BGP4MP[_ET]|time|STATE|peer|peerAS|old|new           BGP|... the same for deprecated type 5 records
 *   ATTRS = asPath|origin|nextHop|localPref|med|communities|AG or NAG|aggregator|
 * </pre>
 * The peer is always the record's first AS and address (RFC 6396's "peer" fields, also in _LOCAL records).
 * An UPDATE prints its withdrawals (IPv4 field, then MP_UNREACH) before its announcements (IPv4 NLRI, then
 * MP_REACH); families other than IPv4/IPv6 unicast and multicast print nothing, as in bgpdump.
 *
 * <p>Where bgpdump 1.6.2 is wrong, routemill prints the right value instead, and says so in the README:
 * prefixes are printed with host bits masked (RFC 4271 §4.3); deprecated type 5 withdrawals show the
 * withdrawn prefix (bgpdump repeats the peer address there) and type 5 announcements keep the separator
 * between MED and communities; LOCAL_PREF and MED are unsigned everywhere.
 */
public final class BgpdumpPrinter {
  private final OutputStream out;
  private final Consumer<MrtProblem> problems;
  private final String source;
  private final AsciiBuffer line = new AsciiBuffer();
  private final BgpdumpAttributes attributes = new BgpdumpAttributes();
  private PeerIndexTable peerIndex;

  public BgpdumpPrinter(OutputStream out, Consumer<MrtProblem> problems, String source) {
    this.out = out;
    this.problems = problems;
    this.source = source;
  }

  public void print(MrtMessage message) throws IOException {
    if (message instanceof RibRecord r) {
      rib(r);
    } else if (message instanceof BgpMessageRecord m) {
      bgpMessage(m);
    } else if (message instanceof TableDump t) {
      tableDump(t);
    } else if (message instanceof StateChange s) {
      stateChange(s);
    } else if (message instanceof PeerIndexTable p) {
      peerIndex = p;
    }
    // Unsupported records were reported by the decoder; they print nothing.
  }

  private void problem(MrtMessage.MrtHeader h, String reason, boolean skipped) {
    problems.accept(new MrtProblem(source, h.offset(), h.type(), h.subtype(), reason, skipped));
  }

  private void tableDump(TableDump t) throws IOException {
    line.setLength(0);
    line.str("TABLE_DUMP|").num(t.header().timestamp()).str("|B|").ip(t.peerAddress()).ch('|').num(t.peerAs())
        .ch('|');
    prefix(t.prefix());
    attributes.append(line, t.attributes(), BgpdumpAttributes.NextHop.MP_REACH_IF_IPV6);
    line.ch('\n').writeTo(out);
  }

  private void rib(RibRecord r) throws IOException {
    if (peerIndex == null) {
      problem(r.header(), "RIB record before any PEER_INDEX_TABLE; skipped", true);
      return;
    }
    List<Peer> peers = peerIndex.peers();
    for (RibEntry e : r.entries()) {
      if (e.peerIndex() >= peers.size()) {
        problem(r.header(), "RIB entry names peer index " + e.peerIndex() + " but the PEER_INDEX_TABLE has "
            + peers.size() + " peers; entry skipped", true);
        continue;
      }
      Peer peer = peers.get(e.peerIndex());
      line.setLength(0);
      line.str(r.addPath() ? "TABLE_DUMP2_AP|" : "TABLE_DUMP2|").num(r.header().timestamp()).str("|B|")
          .ip(peer.address()).ch('|').num(peer.asn()).ch('|');
      prefix(r.prefix());
      if (r.addPath()) line.ch('|').num(e.pathId());
      attributes.append(line, e.attributes(), BgpdumpAttributes.NextHop.MP_REACH_FIRST);
      line.ch('\n').writeTo(out);
    }
  }

  private void stateChange(StateChange s) throws IOException {
    line.setLength(0);
    recordStart(s.header(), false, false).str("|STATE|");
    if (s.peerAddress().length == 0) line.str("0.0.0.0"); else line.ip(s.peerAddress());
    line.ch('|').num(s.peerAs()).ch('|')
        .num(s.oldState()).ch('|').num(s.newState()).ch('\n');
    line.writeTo(out);
  }

  private AsciiBuffer recordStart(MrtMessage.MrtHeader h, boolean local, boolean addPath) {
    if (h.type() == MrtType.BGP) {
      line.str("BGP");
    } else {
      line.str(h.type() == MrtType.BGP4MP_ET ? "BGP4MP_ET" : "BGP4MP");
      if (local) line.str("_LOCAL");
      if (addPath) line.str("_AP");
    }
    line.ch('|').num(h.timestamp());
    if (h.microseconds() >= 0) line.ch('.').num(h.microseconds(), 6);
    return line;
  }

  private void bgpMessage(BgpMessageRecord m) throws IOException {
    BgpMessage message = m.message();
    if (!(message instanceof Update update)) {
      return; // OPEN, KEEPALIVE, NOTIFICATION and ROUTE-REFRESH print nothing in -m mode
    }
    boolean legacy = m.header().type() == MrtType.BGP;
    int subtype = m.header().subtype();
    line.setLength(0);
    // _AP when the NLRI carry path ids: the subtype says so, or the ADD-PATH fallback found them.
    boolean addPath = !legacy && (Bgp4mpSubtypes.addPath(subtype) || update.hasPathIds());
    recordStart(m.header(), !legacy && Bgp4mpSubtypes.local(subtype), addPath).ch('|');
    int common = line.length();
    PathAttributes attrs = update.attributes();

    // Withdrawals first: the IPv4 withdrawn-routes field, then MP_UNREACH (bgpdump's order).
    withdrawals(m, update.withdrawn(), common);
    Attr15MpUnreach unreach = attrs.mpUnreach();
    if (unreach != null && unreach.family().isIpPrefixFamily()) withdrawals(m, unreach.routes(), common);

    if (!update.announced().isEmpty()) {
      announcements(m, update.announced(), attrs, BgpdumpAttributes.NextHop.NEXT_HOP, common);
    }
    Attr14MpReach reach = attrs.mpReach();
    if (reach != null && reach.family().isIpPrefixFamily() && !reach.routes().isEmpty()) {
      announcements(m, reach.routes(), attrs, BgpdumpAttributes.NextHop.MP_REACH, common);
    }
  }

  private void withdrawals(BgpMessageRecord m, List<Route> routes, int common) throws IOException {
    for (Route route : routes) {
      line.setLength(common);
      line.str("W|").ip(m.peerAddress()).ch('|').num(m.peerAs()).ch('|');
      prefix(route.prefix());
      if (route.hasPathId()) line.ch('|').num(route.pathId());
      line.ch('\n').writeTo(out);
    }
  }

  private void announcements(BgpMessageRecord m, List<Route> routes, PathAttributes attrs,
      BgpdumpAttributes.NextHop nextHop, int common) throws IOException {
    line.setLength(common);
    line.str("A|").ip(m.peerAddress()).ch('|').num(m.peerAs()).ch('|');
    int prefixStart = line.length();
    // The attribute part is the same for every prefix of the message: format it once, copy it per line.
    AsciiBuffer suffix = attributes.format(attrs, nextHop);
    for (Route route : routes) {
      line.setLength(prefixStart);
      prefix(route.prefix());
      if (route.hasPathId()) line.ch('|').num(route.pathId());
      line.bytes(suffix, 0, suffix.length()).ch('\n');
      line.writeTo(out);
    }
  }

  private void prefix(Prefix p) {
    line.ip(p.address()).ch('/').num(p.length());
  }
}
