package io.routemill.collector.query;

import io.routemill.collector.rib.RibView;
import io.routemill.wire.bgp.Prefix;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The read-only view of the collector that the publisher serves. Implementations answer from live state
 * without blocking ingest for more than a few microseconds and never return a half-applied UPDATE.
 * Arguments are validated by the caller (the API turns bad parameters into 400s); implementations may
 * still throw IllegalArgumentException for values they cannot serve.
 */
public interface CollectorQuery {
  List<RouterInfo> routers();

  List<PeerInfo> peers();

  RoutePage routes(RouteQuery query);

  /** A router streaming BMP (or, for direct BGP sessions, the collector itself). */
  record RouterInfo(String address, String sysName, String sysDescr, Instant connectedSince,
      Map<String, Long> messages, Map<String, Long> errors) {}

  /**
   * A monitored peer's view: one per (router, peer, distinguisher, rib). The last three fields are filled by
   * direct BGP sessions and null for BMP: the neighbour's configured description, its negotiated capabilities
   * (while Established) and its last error (a NOTIFICATION sent or received, with any shutdown communication).
   */
  record PeerInfo(String router, String address, long asn, String bgpId, RibView rib, String source,
      String state, Instant upSince, long prefixesIpv4, long prefixesIpv6, long pathsIpv4, long pathsIpv6,
      String description, List<String> capabilities, String lastError) {
    /** Without the BGP-session fields (BMP peers). */
    public PeerInfo(String router, String address, long asn, String bgpId, RibView rib, String source,
        String state, Instant upSince, long prefixesIpv4, long prefixesIpv6, long pathsIpv4, long pathsIpv6) {
      this(router, address, asn, bgpId, rib, source, state, upSince, prefixesIpv4, prefixesIpv6, pathsIpv4, pathsIpv6,
          null, null, null);
    }
  }

  enum Match { EXACT, LONGEST, MORE, LESS }

  /**
   * @param peer only routes of peers with this address, or null for all
   * @param rib only routes of this view, or null for all
   * @param limit at most this many routes (1..10,000)
   * @param cursor the {@code next} value of the previous page, or null for the first page
   */
  record RouteQuery(Prefix prefix, Match match, String peer, RibView rib, int limit, String cursor) {}

  /**
   * One route with its attributes decoded for display; absent values are null. {@code asPath} is in
   * bgpdump's notation (sets in braces), communities as {@code "a:b"} / {@code "a:b:c"} strings, extended
   * communities as 16 hex digits.
   */
  record RouteInfo(String router, String source, String peerAddress, long peerAsn, RibView rib, Prefix prefix,
      Long pathId, String asPath, String origin, String nextHop, Long localPref, Long med,
      List<String> communities, List<String> largeCommunities, List<String> extCommunities,
      boolean atomicAggregate, String aggregator, Long otc, Instant receivedAt) {}

  /** A page of routes; {@code next} is null on the last page. */
  record RoutePage(List<RouteInfo> routes, String next) {}
}
