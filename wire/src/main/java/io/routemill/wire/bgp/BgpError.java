package io.routemill.wire.bgp;

/**
 * One problem found while decoding, carrying what a BGP speaker needs to react (the NOTIFICATION error code
 * and subcode of RFC 4271 §4.5/§6, and the RFC 7606 action) and what an operator needs to find it: a reason
 * and the byte offset within the message (from the first marker byte) where the problem was seen.
 */
public record BgpError(int code, int subcode, Rfc7606Action action, int offset, String reason) {
  public static final int MESSAGE_HEADER_ERROR = 1;
  public static final int OPEN_MESSAGE_ERROR = 2;
  public static final int UPDATE_MESSAGE_ERROR = 3;
  public static final int HOLD_TIMER_EXPIRED = 4;
  public static final int FSM_ERROR = 5;
  public static final int CEASE = 6;
  public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;

  // Message header error subcodes (RFC 4271 §6.1)
  public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
  public static final int BAD_MESSAGE_LENGTH = 2;
  public static final int BAD_MESSAGE_TYPE = 3;

  // UPDATE message error subcodes (RFC 4271 §6.3)
  public static final int MALFORMED_ATTRIBUTE_LIST = 1;
  public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
  public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
  public static final int ATTRIBUTE_FLAGS_ERROR = 4;
  public static final int ATTRIBUTE_LENGTH_ERROR = 5;
  public static final int INVALID_ORIGIN_ATTRIBUTE = 6;
  public static final int INVALID_NEXT_HOP_ATTRIBUTE = 8;
  public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
  public static final int INVALID_NETWORK_FIELD = 10;
  public static final int MALFORMED_AS_PATH = 11;

  @Override
  public String toString() {
    return "message byte " + offset + ": " + reason + " (" + action + ", NOTIFICATION " + code + "/" + subcode + ")";
  }
}
