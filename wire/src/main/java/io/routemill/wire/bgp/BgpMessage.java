package io.routemill.wire.bgp;

/**
 * One BGP message (RFC 4271 §4). Every message keeps {@link #raw()}, the complete bytes it was decoded
 * from, header included, so that MRT and BMP archives can be written byte-exact; decoders never return
 * null and never throw: a message that cannot be framed or read becomes an {@link InvalidMessage}.
 */
public sealed interface BgpMessage
    permits Open, Update, Notification, Keepalive, RouteRefresh, UnknownMessage, InvalidMessage {
  int MARKER_LENGTH = 16;
  /** Marker, 2-byte length and type (RFC 4271 §4.1). */
  int HEADER_LENGTH = 19;
  /** RFC 4271 §4.1 maximum message size. */
  int MAX_LENGTH = 4096;
  /** RFC 8654 maximum size once the Extended Message capability is negotiated. */
  int MAX_EXTENDED_LENGTH = 65535;

  int TYPE_OPEN = 1;
  int TYPE_UPDATE = 2;
  int TYPE_NOTIFICATION = 3;
  int TYPE_KEEPALIVE = 4;
  int TYPE_ROUTE_REFRESH = 5;

  /** The message type code from the header (for an {@link InvalidMessage}, whatever the header said, or 0). */
  int type();

  /** The complete original message, header included. Do not modify. */
  byte[] raw();
}
