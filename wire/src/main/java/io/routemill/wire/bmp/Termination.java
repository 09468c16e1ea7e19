package io.routemill.wire.bmp;

import java.util.List;

/**
 * Termination (RFC 7854 §4.5): TLVs, string (0) and reason (1, a 2-byte code: 0 administratively closed,
 * 1 unspecified, 2 out of resources, 3 redundant connection, 4 permanently administratively closed).
 */
public record Termination(List<InfoTlv> info) implements BmpMessage {
  public Termination {
    info = List.copyOf(info);
  }

  /** The reason code, or -1 when absent or malformed. */
  public int reason() {
    for (InfoTlv t : info) {
      if (t.type() == InfoTlv.TERMINATION_REASON) return t.u16();
    }
    return -1;
  }

  @Override
  public int type() {
    return TYPE_TERMINATION;
  }
}
