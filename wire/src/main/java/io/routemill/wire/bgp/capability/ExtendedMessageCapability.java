package io.routemill.wire.bgp.capability;

/** BGP Extended Message (code 6, RFC 8654 §3), empty value; messages up to 65,535 bytes once both send it. */
public record ExtendedMessageCapability() implements Capability {
  @Override
  public int code() {
    return EXTENDED_MESSAGE;
  }
}
