package io.routemill.wire.bgp.capability;

/** Support for 4-octet AS numbers (code 65, RFC 6793 §3): the speaker's real AS, unsigned 32-bit. */
public record FourOctetAsCapability(long asn) implements Capability {
  @Override
  public int code() {
    return FOUR_OCTET_AS;
  }
}
