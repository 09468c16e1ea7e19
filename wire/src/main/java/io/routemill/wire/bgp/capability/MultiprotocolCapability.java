package io.routemill.wire.bgp.capability;

import io.routemill.wire.bgp.AfiSafi;

/** Multiprotocol Extensions (code 1, RFC 4760 §8): AFI (2), reserved (1), SAFI (1). */
public record MultiprotocolCapability(AfiSafi family) implements Capability {
  @Override
  public int code() {
    return MULTIPROTOCOL;
  }
}
