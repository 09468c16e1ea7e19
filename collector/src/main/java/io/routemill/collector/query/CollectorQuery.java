package io.routemill.collector.query;

import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
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

  /** Routes of the RIB: typed rows, formatted by the publisher. */
  RoutePage routes(RouteQuery query);

  /** The event stream's consumers and their lag, empty when nothing consumes the stream. */
  List<ConsumerInfo> consumers();

  /** The BMP station's connections: how many are open, refusals by reason, the latest ones. */
  StationInfo station();

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

  /**
   * A consumer of the route event stream (the archiver, a live feed) and how far behind it is.
   *
   * @param name the consumer's name
   * @param queued events waiting for it
   * @param capacity how many events its queue holds before producers are paused
   * @param delivered events handed to it so far
   * @param failures events it failed on (thrown, rejected)
   * @param pausedProducers producers (router connections, BGP sessions) paused because of it right now
   * @param oldestQueuedMillis age of the oldest waiting event in milliseconds, 0 when none waits
   */
  record ConsumerInfo(String name, long queued, long capacity, long delivered, long failures, long pausedProducers,
      long oldestQueuedMillis) {}

  /**
   * The BMP station's connections.
   *
   * @param openConnections connections open now (routers and connections that are not routers yet)
   * @param refused connections refused at accept or closed by the station, by reason ({@code connection-limit},
   *     {@code address-limit}, {@code not-allowed}, {@code initiation-timeout}, {@code idle-timeout},
   *     {@code frame-budget}, {@code framing-error}, {@code duplicate-router}, {@code replaced},
   *     {@code connection-error}), since start
   * @param recent the latest refusals, newest first (a bounded list)
   */
  record StationInfo(long openConnections, Map<String, Long> refused, List<RefusedConnection> recent) {
    public static final StationInfo NONE = new StationInfo(0, Map.of(), List.of());

    public StationInfo {
      refused = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(refused));
      recent = List.copyOf(recent);
    }
  }

  /** One refused or station-closed connection: its source address and port, why, in words, and when. */
  record RefusedConnection(String address, int port, String reason, String detail, Instant at) {}
}
