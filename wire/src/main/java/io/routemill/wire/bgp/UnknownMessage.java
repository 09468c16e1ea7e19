package io.routemill.wire.bgp;

/**
 * A message with a well-formed header but a type code routemill does not know. A BGP speaker answers
 * it with NOTIFICATION 1/3 "Bad Message Type" (RFC 4271 §6.1); a collector just archives it.
 */
public record UnknownMessage(int type, byte[] raw) implements BgpMessage {
  @Override
  public String toString() {
    return "UnknownMessage[type=" + type + ", " + raw.length + " bytes]";
  }
}
