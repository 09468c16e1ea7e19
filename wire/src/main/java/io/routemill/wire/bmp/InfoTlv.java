package io.routemill.wire.bmp;

import io.routemill.wire.bgp.WireText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One type-length-value field: type (2), length (2), value. BMP uses this layout for the Information TLVs of
 * Initiation (RFC 7854 §4.3), Peer Up (§4.10, RFC 9069 §5.2, RFC 9736) and Peer Down reason 6 (RFC 9069 §5.3),
 * the TLVs of Termination (§4.5) and of Route Mirroring (§4.7). Which codes mean what depends on the message;
 * the constants below name them. Unknown types are kept as they are. Do not modify {@code value}.
 */
public record InfoTlv(int type, byte[] value) {
  /** Initiation, Peer Up, Termination: free-form UTF-8 string. */
  public static final int STRING = 0;
  /** Initiation: sysDescr. */
  public static final int SYS_DESCR = 1;
  /** Initiation: sysName. */
  public static final int SYS_NAME = 2;
  /** Peer Up / Peer Down reason 6 (RFC 9069 §5.2): VRF or table name, UTF-8. */
  public static final int VRF_TABLE_NAME = 3;
  /** Initiation / Peer Up: admin label (RFC 9736). */
  public static final int ADMIN_LABEL = 4;
  /** Termination: reason, a 2-byte code. */
  public static final int TERMINATION_REASON = 1;
  /** Route Mirroring: a BGP message. */
  public static final int MIRRORED_BGP_MESSAGE = 0;
  /** Route Mirroring: a 2-byte information code (0 errored PDU, 1 messages lost). */
  public static final int MIRRORING_INFORMATION = 1;

  public InfoTlv {
    if (type < 0 || type > 0xFFFF || value.length > 0xFFFF) {
      throw new IllegalArgumentException("TLV type " + type + " with " + value.length + " bytes");
    }
  }

  public static InfoTlv text(int type, String text) {
    return new InfoTlv(type, text.getBytes(StandardCharsets.UTF_8));
  }

  public static InfoTlv u16(int type, int code) {
    return new InfoTlv(type, new byte[] {(byte) (code >>> 8), (byte) code});
  }

  /** The value as UTF-8 (invalid sequences become U+FFFD). */
  public String text() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** The value as a 2-byte code, or -1 when it is not exactly 2 bytes. */
  public int u16() {
    return value.length == 2 ? ((value[0] & 0xFF) << 8) | (value[1] & 0xFF) : -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfoTlv t && t.type == type && Arrays.equals(t.value, value);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Tlv[" + type + ", " + WireText.hex(value) + "]";
  }
}
