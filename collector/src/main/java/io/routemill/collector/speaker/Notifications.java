package io.routemill.collector.speaker;

import io.routemill.wire.bgp.Notification;
import java.util.HexFormat;

/** Names of NOTIFICATION codes and subcodes (RFC 4271 §4.5, RFC 4486, RFC 6608, RFC 7313, RFC 9234), for logs and the API. */
public final class Notifications {
  public static final int CEASE_MAX_PREFIXES = 1;
  public static final int CEASE_ADMIN_SHUTDOWN = 2;
  public static final int CEASE_PEER_DECONFIGURED = 3;
  public static final int CEASE_ADMIN_RESET = 4;
  public static final int CEASE_CONNECTION_REJECTED = 5;
  public static final int CEASE_OTHER_CONFIG_CHANGE = 6;
  public static final int CEASE_COLLISION = 7;
  public static final int CEASE_OUT_OF_RESOURCES = 8;
  public static final int CEASE_HARD_RESET = 9;

  public static final int OPEN_UNSUPPORTED_VERSION = 1;
  public static final int OPEN_BAD_PEER_AS = 2;
  public static final int OPEN_BAD_BGP_ID = 3;
  public static final int OPEN_UNSUPPORTED_OPTIONAL_PARAMETER = 4;
  public static final int OPEN_UNACCEPTABLE_HOLD_TIME = 6;
  public static final int OPEN_ROLE_MISMATCH = 11;

  /** RFC 6608 FSM error subcodes. */
  public static final int FSM_UNEXPECTED_IN_OPEN_SENT = 1;
  public static final int FSM_UNEXPECTED_IN_OPEN_CONFIRM = 2;
  public static final int FSM_UNEXPECTED_IN_ESTABLISHED = 3;

  private Notifications() {}

  public static String codeName(int code) {
    switch (code) {
      case 1: return "Message Header Error";
      case 2: return "OPEN Message Error";
      case 3: return "UPDATE Message Error";
      case 4: return "Hold Timer Expired";
      case 5: return "Finite State Machine Error";
      case 6: return "Cease";
      case 7: return "ROUTE-REFRESH Message Error";
      default: return "code " + code;
    }
  }

  public static String subcodeName(int code, int subcode) {
    String[] names;
    switch (code) {
      case 1: names = new String[] {null, "Connection Not Synchronized", "Bad Message Length", "Bad Message Type"}; break;
      case 2: names = new String[] {null, "Unsupported Version Number", "Bad Peer AS", "Bad BGP Identifier",
          "Unsupported Optional Parameter", "Authentication Failure", "Unacceptable Hold Time",
          "Unsupported Capability", null, null, null, "Role Mismatch"}; break;
      case 3: names = new String[] {null, "Malformed Attribute List", "Unrecognized Well-known Attribute",
          "Missing Well-known Attribute", "Attribute Flags Error", "Attribute Length Error",
          "Invalid ORIGIN Attribute", "AS Routing Loop", "Invalid NEXT_HOP Attribute", "Optional Attribute Error",
          "Invalid Network Field", "Malformed AS_PATH"}; break;
      case 5: names = new String[] {"Unspecified Error", "Receive Unexpected Message in OpenSent State",
          "Receive Unexpected Message in OpenConfirm State", "Receive Unexpected Message in Established State"}; break;
      case 6: names = new String[] {null, "Maximum Number of Prefixes Reached", "Administrative Shutdown",
          "Peer De-configured", "Administrative Reset", "Connection Rejected", "Other Configuration Change",
          "Connection Collision Resolution", "Out of Resources", "Hard Reset", "BFD Down"}; break;
      case 7: names = new String[] {null, "Invalid Message Length"}; break;
      default: names = new String[0];
    }
    if (subcode < names.length && names[subcode] != null) return names[subcode];
    return subcode == 0 ? "Unspecific" : "subcode " + subcode;
  }

  /** {@code 6/2 Cease/Administrative Shutdown}. */
  public static String describe(int code, int subcode) {
    return code + "/" + subcode + " " + codeName(code) + "/" + subcodeName(code, subcode);
  }

  /** A description with the shutdown communication (RFC 9003) or, for other data, its hex. */
  public static String describe(Notification n) {
    StringBuilder sb = new StringBuilder(describe(n.code(), n.subcode()));
    String text = n.shutdownCommunication();
    if (!text.isEmpty()) {
      sb.append(": \"").append(text).append('"');
    } else if (n.data().length > 0) {
      sb.append(" data ").append(HexFormat.of().formatHex(n.data(), 0, Math.min(n.data().length, 64)));
      if (n.data().length > 64) sb.append("…");
    }
    return sb.toString();
  }
}
