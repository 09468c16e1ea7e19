package io.routemill.collector.bgp.capability;

import io.routemill.collector.bgp.AfiSafi;

/** Multiprotocol Extensions (code 1, RFC 4760 §8): AFI (2), reserved (1), SAFI (1). */
public record MultiprotocolCapability(AfiSafi family) implements Capability {
  @Override
  public int code() {
    return MULTIPROTOCOL;
  }
}
