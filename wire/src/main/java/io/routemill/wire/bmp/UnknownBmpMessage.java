package io.routemill.wire.bmp;

import io.routemill.wire.bgp.WireText;
import java.util.Arrays;

/** A BMP message of a type this codec does not know; {@code bytes} is the whole message, common header included. */
public record UnknownBmpMessage(int type, byte[] bytes) implements BmpMessage {
  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownBmpMessage u && u.type == type && Arrays.equals(u.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "UnknownBmpMessage[type=" + type + ", " + WireText.hex(bytes) + "]";
  }
}
