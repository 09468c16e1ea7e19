package io.routemill.wire.bgp;

/** KEEPALIVE (RFC 4271 §4.4): a bare 19-byte header. */
public record Keepalive(byte[] raw) implements BgpMessage {
  @Override
  public int type() {
    return TYPE_KEEPALIVE;
  }

  @Override
  public String toString() {
    return "Keepalive";
  }
}
