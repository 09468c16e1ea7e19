package io.routemill.wire.bgp.capability;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A capability kept raw: an unknown code (e.g. 128, Cisco's pre-standard route refresh, or 3 ORF), or a known
 * code whose value did not have the length its RFC requires.
 */
public record UnknownCapability(int code, byte[] value) implements Capability {
  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownCapability u && u.code == code && Arrays.equals(u.value, value);
  }

  @Override
  public int hashCode() {
    return code * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "UnknownCapability[code=" + code + ", value=" + HexFormat.of().formatHex(value) + "]";
  }
}
