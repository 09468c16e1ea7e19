package io.routemill.wire.bgp.capability;

/** BGP Role (code 9, RFC 9234 §4.1): one byte, 0 Provider, 1 RS, 2 RS-Client, 3 Customer, 4 Peer. */
public record RoleCapability(int role) implements Capability {
  public static final int PROVIDER = 0;
  public static final int RS = 1;
  public static final int RS_CLIENT = 2;
  public static final int CUSTOMER = 3;
  public static final int PEER = 4;

  @Override
  public int code() {
    return ROLE;
  }
}
