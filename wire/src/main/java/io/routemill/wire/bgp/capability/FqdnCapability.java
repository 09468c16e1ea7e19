package io.routemill.wire.bgp.capability;

/**
 * Hostname capability (code 73, draft-walton-bgp-hostname-capability, sent by FRR and others): hostname
 * length (1) + hostname, domain length (1) + domain name, both US-ASCII/UTF-8 text.
 */
public record FqdnCapability(String hostname, String domain) implements Capability {
  @Override
  public int code() {
    return FQDN;
  }
}
