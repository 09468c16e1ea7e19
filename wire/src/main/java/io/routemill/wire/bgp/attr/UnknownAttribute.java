package io.routemill.wire.bgp.attr;

import io.routemill.wire.bgp.WireText;
import java.util.Arrays;

/**
 * An attribute routemill does not decode (e.g. PMSI tunnel, Prefix-SID, BGP-LS), kept raw with its flags so
 * that it can be passed on (RFC 4271 §5: optional transitive ones with the Partial bit set) or archived.
 */
public record UnknownAttribute(int flags, int type, byte[] value) implements PathAttribute {
  @Override
  public int typeCode() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownAttribute a && a.flags == flags && a.type == type && Arrays.equals(a.value, value);
  }

  @Override
  public int hashCode() {
    return (flags * 31 + type) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "UnknownAttribute[flags=" + flags + ", type=" + type + ", value=" + WireText.hex(value) + "]";
  }
}
