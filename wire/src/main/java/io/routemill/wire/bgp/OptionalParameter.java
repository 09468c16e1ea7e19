package io.routemill.wire.bgp;

/**
 * An OPEN optional parameter other than Capabilities (type 2), kept raw: in practice only the deprecated
 * Authentication Information (type 1, RFC 1771) ever appeared. Type 255 is reserved by RFC 9072.
 */
public record OptionalParameter(int type, byte[] value) {
  public static final int CAPABILITIES = 2;

  @Override
  public String toString() {
    return "OptionalParameter[type=" + type + ", " + WireText.hex(value) + "]";
  }
}
