package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.BgpError;
import java.util.ArrayList;
import java.util.List;

/**
 * The path attributes of one UPDATE or RIB entry: immutable, in wire order ({@link #all()}), with O(1) typed
 * accessors that return <b>null when the attribute is absent</b> (or was discarded as malformed; see
 * {@link #warnings()}). When a type occurs twice only the first occurrence is kept (RFC 7606 §3 g).
 */
public final class PathAttributes {
  public static final PathAttributes EMPTY = new PathAttributes(List.of(), List.of(), true);

  private final List<PathAttribute> all;
  private final List<BgpError> warnings;
  private final boolean fourOctetAs;
  private Attr01Origin origin;
  private Attr02AsPath asPath;
  private Attr03NextHop nextHop;
  private Attr04Med med;
  private Attr05LocalPref localPref;
  private Attr06AtomicAggregate atomicAggregate;
  private Attr07Aggregator aggregator;
  private Attr08Communities communities;
  private Attr14MpReach mpReach;
  private Attr15MpUnreach mpUnreach;
  private Attr16ExtendedCommunities extendedCommunities;
  private Attr17As4Path as4Path;
  private Attr18As4Aggregator as4Aggregator;
  private Attr32LargeCommunities largeCommunities;
  private Attr35OnlyToCustomer otc;

  /**
   * @param fourOctetAs whether the attributes were read on a 4-octet AS session: then AS4_PATH and
   *     AS4_AGGREGATOR carry no extra information (RFC 6793 §4.1) and the effective accessors ignore them
   */
  public PathAttributes(List<PathAttribute> all, List<BgpError> warnings, boolean fourOctetAs) {
    this.all = List.copyOf(all);
    this.warnings = List.copyOf(warnings);
    this.fourOctetAs = fourOctetAs;
    for (PathAttribute a : this.all) index(a);
  }

  public static PathAttributes of(PathAttribute... attributes) {
    return new PathAttributes(List.of(attributes), List.of(), true);
  }

  // An if-chain rather than a map: 5-10 attributes per UPDATE, and this runs once per decoded message.
  private void index(PathAttribute a) {
    if (a instanceof Attr01Origin x) { if (origin == null) origin = x; }
    else if (a instanceof Attr02AsPath x) { if (asPath == null) asPath = x; }
    else if (a instanceof Attr03NextHop x) { if (nextHop == null) nextHop = x; }
    else if (a instanceof Attr04Med x) { if (med == null) med = x; }
    else if (a instanceof Attr05LocalPref x) { if (localPref == null) localPref = x; }
    else if (a instanceof Attr06AtomicAggregate x) { if (atomicAggregate == null) atomicAggregate = x; }
    else if (a instanceof Attr07Aggregator x) { if (aggregator == null) aggregator = x; }
    else if (a instanceof Attr08Communities x) { if (communities == null) communities = x; }
    else if (a instanceof Attr14MpReach x) { if (mpReach == null) mpReach = x; }
    else if (a instanceof Attr15MpUnreach x) { if (mpUnreach == null) mpUnreach = x; }
    else if (a instanceof Attr16ExtendedCommunities x) { if (extendedCommunities == null) extendedCommunities = x; }
    else if (a instanceof Attr17As4Path x) { if (as4Path == null) as4Path = x; }
    else if (a instanceof Attr18As4Aggregator x) { if (as4Aggregator == null) as4Aggregator = x; }
    else if (a instanceof Attr32LargeCommunities x) { if (largeCommunities == null) largeCommunities = x; }
    else if (a instanceof Attr35OnlyToCustomer x) { if (otc == null) otc = x; }
  }

  /** Every attribute kept, in wire order, unknown ones included. */
  public List<PathAttribute> all() {
    return all;
  }

  /** Problems found in the attribute section (RFC 7606), empty when none. */
  public List<BgpError> warnings() {
    return warnings;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** Whether these attributes came from a 4-octet AS session. */
  public boolean fourOctetAs() {
    return fourOctetAs;
  }

  /** The first attribute with this type code (any record type, unknown included), or null. */
  public PathAttribute get(int typeCode) {
    for (PathAttribute a : all) {
      if (a.typeCode() == typeCode) return a;
    }
    return null;
  }

  public Attr01Origin origin() { return origin; }
  public Attr02AsPath asPath() { return asPath; }
  public Attr17As4Path as4Path() { return as4Path; }
  public Attr03NextHop nextHop() { return nextHop; }
  public Attr04Med med() { return med; }
  public Attr05LocalPref localPref() { return localPref; }
  public Attr06AtomicAggregate atomicAggregate() { return atomicAggregate; }
  public Attr07Aggregator aggregator() { return aggregator; }
  public Attr18As4Aggregator as4Aggregator() { return as4Aggregator; }
  public Attr08Communities communities() { return communities; }
  public Attr16ExtendedCommunities extendedCommunities() { return extendedCommunities; }
  public Attr32LargeCommunities largeCommunities() { return largeCommunities; }
  public Attr14MpReach mpReach() { return mpReach; }
  public Attr15MpUnreach mpUnreach() { return mpUnreach; }
  public Attr35OnlyToCustomer otc() { return otc; }

  /**
   * The AS path to use, RFC 6793 §4.2.3: on a 2-octet session, AS_PATH with its trailing AS numbers replaced
   * by AS4_PATH. AS4_PATH is ignored when the session was 4-octet, when both AGGREGATOR and AS4_AGGREGATOR
   * are present and AGGREGATOR's AS is not AS_TRANS (the §4.2.3 rule for that case), or when it has more AS
   * numbers than AS_PATH. Returns null when AS_PATH is absent.
   */
  public List<AsPathSegment> effectiveAsPath() {
    if (asPath == null) return null;
    boolean aggregatedByOldSpeaker = aggregator != null && as4Aggregator != null
        && aggregator.asn() != AsPaths.AS_TRANS;
    if (fourOctetAs || as4Path == null || aggregatedByOldSpeaker) {
      return asPath.segments();
    }
    return AsPaths.merge(asPath.segments(), as4Path.segments());
  }

  /**
   * The aggregator to use (RFC 6793 §4.2.3): AS4_AGGREGATOR's AS and address when the session was 2-octet and
   * AGGREGATOR carries AS_TRANS, else AGGREGATOR itself (null when absent).
   */
  public Attr07Aggregator effectiveAggregator() {
    if (aggregator == null || fourOctetAs || as4Aggregator == null || aggregator.asn() != AsPaths.AS_TRANS) {
      return aggregator;
    }
    return new Attr07Aggregator(aggregator.flags(), as4Aggregator.asn(), as4Aggregator.address());
  }

  /** A copy with {@code extra} appended to the warnings (decoders add message-level checks this way). */
  public PathAttributes withWarnings(List<BgpError> extra) {
    if (extra.isEmpty()) return this;
    List<BgpError> w = new ArrayList<>(warnings);
    w.addAll(extra);
    return new PathAttributes(all, w, fourOctetAs);
  }

  @Override
  public String toString() {
    return all + (warnings.isEmpty() ? "" : " warnings=" + warnings);
  }
}
