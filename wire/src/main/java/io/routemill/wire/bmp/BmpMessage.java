package io.routemill.wire.bmp;

/**
 * One BMP message (RFC 7854 §4). Decoders never return null and never throw: a message whose structure is
 * broken becomes an {@link InvalidBmpMessage}, one of a type routemill does not know an
 * {@link UnknownBmpMessage}. Problems inside the BGP PDUs a message carries are reported on those PDUs (RFC 7606
 * warnings of an {@link io.routemill.wire.bgp.Update}, or an {@link io.routemill.wire.bgp.InvalidMessage}).
 */
public sealed interface BmpMessage
    permits RouteMonitoring, StatisticsReport, PeerDown, PeerUp, Initiation, Termination, RouteMirroring,
        UnknownBmpMessage, InvalidBmpMessage {
  /** The only BMP version this codec speaks (RFC 7854 §4.1). */
  int VERSION = 3;
  /** Version (1), message length (4), message type (1). */
  int COMMON_HEADER_LENGTH = 6;
  /** RFC 7854 §4.2: type, flags, distinguisher (8), address (16), AS (4), BGP ID (4), timestamp (4 + 4). */
  int PER_PEER_HEADER_LENGTH = 42;

  int TYPE_ROUTE_MONITORING = 0;
  int TYPE_STATISTICS_REPORT = 1;
  int TYPE_PEER_DOWN = 2;
  int TYPE_PEER_UP = 3;
  int TYPE_INITIATION = 4;
  int TYPE_TERMINATION = 5;
  int TYPE_ROUTE_MIRRORING = 6;

  /** The message type code of the common header (for an {@link InvalidBmpMessage}, whatever it said, or -1). */
  int type();
}
