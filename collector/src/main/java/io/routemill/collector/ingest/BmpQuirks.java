package io.routemill.collector.ingest;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.TableKey;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Update;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The normalisation step for one BMP router's UPDATEs, before {@link Ingest}: the quirks of real routers that
 * routemill corrects, each recorded on the event as a {@link Correction} and reported to the station's counters.
 * <ul>
 *   <li>FRR 8.x's own-AS prepend in Adj-RIB-In views ({@link FrrOwnAsPrepend}): removed for eBGP peers, until a
 *       route of the peer arrives without it.
 *   <li>Post-policy and Loc-RIB routes without NEXT_HOP (6WIND/FRR): RFC 7606 §3 would treat them as withdrawn, but
 *       the monitored views are the router's own tables, so they are kept as reported.
 *   <li>UPDATEs that only decoded with the opposite ADD-PATH setting (GoBGP): the decoder already read them that
 *       way; the correction is recorded.
 * </ul>
 * One instance per router connection, used on its event loop only.
 */
public final class BmpQuirks {
  /** Where the station counts and logs what was corrected. */
  @FunctionalInterface
  public interface Report {
    void problem(String kind, String detail);
  }

  /** An UPDATE after correction. */
  public record Corrected(Update update, Set<Correction> corrections) {}

  private String sysDescr = "";
  private final Set<TableKey> ownAsCorrectionOff = new HashSet<>();

  /** The router's Initiation said who it is. */
  public void routerIdentified(String sysDescr) {
    this.sysDescr = sysDescr == null ? "" : sysDescr;
  }

  /** A Peer Up or Peer Down: the peer's session starts afresh, and so does the own-AS judgement. */
  public void sessionReset(PeerIdentity peer) {
    ownAsCorrectionOff.remove(peerKey(peer));
  }

  public Corrected correct(PeerIdentity peer, Update update, boolean addPathFlipped, Report report) {
    int corrections = addPathFlipped ? Correction.ADD_PATH_FLIPPED.bit() : 0;
    if (onlyMissingWellKnown(update)) {
      report.problem("missing-well-known-attribute", firstProblem(update) + "; recorded as the router reported it");
      update = withoutMissingWellKnown(update);
      corrections |= Correction.MISSING_NEXT_HOP_KEPT.bit();
    }
    if (update.action().compareTo(Rfc7606Action.TREAT_AS_WITHDRAW) < 0) {
      Update stripped = ownAs(peer, update, report);
      if (stripped != update) {
        corrections |= Correction.OWN_AS_REMOVED.bit();
        update = stripped;
      }
    }
    return new Corrected(update, Correction.of(corrections)); // no allocation when nothing was corrected
  }

  private Update ownAs(PeerIdentity peer, Update update, Report report) {
    boolean adjRibIn = peer.view() == RibView.ADJ_IN_PRE || peer.view() == RibView.ADJ_IN_POST;
    if (!FrrOwnAsPrepend.applies(sysDescr, adjRibIn, peer.asn(), peer.localAs())
        || update.attributes().asPath() == null || ownAsCorrectionOff.contains(peerKey(peer))) {
      return update;
    }
    if (FrrOwnAsPrepend.contradicts(update, peer.localAs())) {
      ownAsCorrectionOff.add(peerKey(peer));
      report.problem("own-as-prepend", "peer " + peer.addressText() + " sent a route without the router's AS "
          + peer.localAs() + " in front: no correction for this peer");
      return update;
    }
    if (update.announced().isEmpty() && (update.attributes().mpReach() == null
        || update.attributes().mpReach().routes().isEmpty())) {
      return update;
    }
    report.problem("own-as-prepended", "peer " + peer.addressText() + ": the router's AS " + peer.localAs()
        + " removed from the front of the path");
    return FrrOwnAsPrepend.strip(update, peer.localAs());
  }

  /** The per-peer key, whatever the view (the judgement holds for both Adj-RIB-In views). */
  private static TableKey peerKey(PeerIdentity peer) {
    return peer.inView(RibView.ADJ_IN_PRE).table();
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
    List<BgpError> kept = new ArrayList<>();
    for (BgpError e : update.warnings()) {
      if (e.subcode() != BgpError.MISSING_WELL_KNOWN_ATTRIBUTE || e.code() != BgpError.UPDATE_MESSAGE_ERROR) kept.add(e);
    }
    return new Update(update.withdrawn(), update.attributes(), update.announced(), kept, update.raw());
  }

  /** The first problem of an UPDATE, for messages. */
  public static String firstProblem(Update update) {
    for (BgpError e : update.warnings()) {
      if (e.action() != Rfc7606Action.NONE) return e.toString();
    }
    return "malformed";
  }
}
