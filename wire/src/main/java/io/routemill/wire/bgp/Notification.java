package io.routemill.wire.bgp;

import java.nio.charset.StandardCharsets;

/** NOTIFICATION (RFC 4271 §4.5): error code, subcode and free-form data. */
public record Notification(int code, int subcode, byte[] data, byte[] raw) implements BgpMessage {
  public static final int CEASE_ADMINISTRATIVE_SHUTDOWN = 2;
  public static final int CEASE_ADMINISTRATIVE_RESET = 4;

  @Override
  public int type() {
    return TYPE_NOTIFICATION;
  }

  /**
   * The operator's shutdown communication (RFC 8203, RFC 9003 §2): Cease subcodes 2 and 4 may carry a length
   * byte and that many bytes of UTF-8. Returns "" when there is none or the length overruns the data (RFC 9003
   * §2 says such a message is to be ignored, not the NOTIFICATION). Invalid UTF-8 becomes U+FFFD.
   */
  public String shutdownCommunication() {
    if (code != BgpError.CEASE
        || (subcode != CEASE_ADMINISTRATIVE_SHUTDOWN && subcode != CEASE_ADMINISTRATIVE_RESET)
        || data.length == 0) {
      return "";
    }
    int len = data[0] & 0xFF;
    if (len == 0 || len + 1 > data.length) return "";
    return new String(data, 1, len, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Notification[" + code + "/" + subcode + (data.length == 0 ? "" : ", data=" + WireText.hex(data)) + "]";
  }
}
