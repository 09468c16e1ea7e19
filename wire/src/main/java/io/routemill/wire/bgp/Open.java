package io.routemill.wire.bgp;

import io.routemill.wire.bgp.capability.Capability;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import java.util.List;

/**
 * OPEN (RFC 4271 §4.2). {@code myAs} is the 2-octet header field (AS_TRANS 23456 for 4-octet speakers,
 * RFC 6793 §4.1); {@link #effectiveAs()} gives the real AS. Capabilities are flattened in wire order from
 * all Capabilities optional parameters; other optional parameters are kept raw.
 */
public record Open(int version, long myAs, int holdTime, long bgpId, List<Capability> capabilities,
    List<OptionalParameter> otherParams, byte[] raw) implements BgpMessage {
  public static final int AS_TRANS = 23456;

  public Open {
    capabilities = List.copyOf(capabilities);
    otherParams = List.copyOf(otherParams);
  }

  @Override
  public int type() {
    return TYPE_OPEN;
  }

  /** The 4-octet AS capability's value when present, else the 2-octet My AS field. */
  public long effectiveAs() {
    FourOctetAsCapability c = capability(FourOctetAsCapability.class);
    return c != null ? c.asn() : myAs;
  }

  /** The first capability of the given record type, or null. */
  public <T extends Capability> T capability(Class<T> type) {
    for (Capability c : capabilities) {
      if (type.isInstance(c)) return type.cast(c);
    }
    return null;
  }

  /** True if any capability with this code was advertised (known or kept raw). */
  public boolean hasCapability(int code) {
    for (Capability c : capabilities) {
      if (c.code() == code) return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return "Open[version=" + version + ", AS" + myAs + ", hold=" + holdTime + ", id=" + WireText.bgpId(bgpId)
        + ", " + capabilities + (otherParams.isEmpty() ? "" : ", " + otherParams) + "]";
  }
}
