package io.routemill.collector.stream;

import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;

/**
 * What the collector saw, in order per session, for consumers downstream of the RIB (the archiver, later a
 * Kafka producer). Messages travel with their original bytes so archives are byte-exact.
 */
public sealed interface RouteEvent {
  Session session();

  /** When routemill received it, microseconds since the epoch. */
  long receivedAtMicros();

  /**
   * Who the event is about: a monitored peer of a BMP router (or, with {@code source = "bgp"}, a direct
   * neighbour of the collector, whose router is the collector itself). Addresses are text (IPv4 or IPv6).
   */
  record Session(String router, Source source, String peerAddress, long peerAs, String localAddress,
      long localAs, long peerDistinguisher, RibView view) {}

  /** A BGP UPDATE as received, with what is needed to read it again: 4-octet AS paths and ADD-PATH. */
  record Update(Session session, long receivedAtMicros, byte[] message, boolean fourOctetAs, boolean addPath)
      implements RouteEvent {}

  /**
   * The session's BGP FSM state changed (RFC 4271 §8.2.2 numbering: 1 Idle … 6 Established). BMP Peer Up is
   * a change to Established, Peer Down one to Idle.
   */
  record StateChange(Session session, long receivedAtMicros, int oldState, int newState) implements RouteEvent {}
}
