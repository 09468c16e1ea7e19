package io.routemill.wire.bgp.attr;

/**
 * One path attribute (RFC 4271 §4.3, §5). Every record keeps the flags byte it arrived with (including the
 * Partial and Extended Length bits), so that re-encoding reproduces the original bytes; the convenience
 * constructors use the flags the defining RFC prescribes.
 */
public sealed interface PathAttribute
    permits Attr01Origin, Attr02AsPath, Attr03NextHop, Attr04Med, Attr05LocalPref, Attr06AtomicAggregate,
        Attr07Aggregator, Attr08Communities, Attr09OriginatorId, Attr10ClusterList, Attr14MpReach,
        Attr15MpUnreach, Attr16ExtendedCommunities, Attr17As4Path, Attr18As4Aggregator, Attr26Aigp,
        Attr32LargeCommunities, Attr35OnlyToCustomer, UnknownAttribute {
  int FLAG_OPTIONAL = 0x80;
  int FLAG_TRANSITIVE = 0x40;
  int FLAG_PARTIAL = 0x20;
  int FLAG_EXTENDED_LENGTH = 0x10;

  int WELL_KNOWN = FLAG_TRANSITIVE;
  int OPTIONAL_TRANSITIVE = FLAG_OPTIONAL | FLAG_TRANSITIVE;
  int OPTIONAL_NON_TRANSITIVE = FLAG_OPTIONAL;

  int ORIGIN = 1;
  int AS_PATH = 2;
  int NEXT_HOP = 3;
  int MULTI_EXIT_DISC = 4;
  int LOCAL_PREF = 5;
  int ATOMIC_AGGREGATE = 6;
  int AGGREGATOR = 7;
  int COMMUNITIES = 8;
  int ORIGINATOR_ID = 9;
  int CLUSTER_LIST = 10;
  int MP_REACH_NLRI = 14;
  int MP_UNREACH_NLRI = 15;
  int EXTENDED_COMMUNITIES = 16;
  int AS4_PATH = 17;
  int AS4_AGGREGATOR = 18;
  int AIGP = 26;
  int LARGE_COMMUNITIES = 32;
  int ONLY_TO_CUSTOMER = 35;

  int typeCode();

  int flags();
}
