package io.routemill.wire.bgp.capability;

import io.routemill.wire.bgp.AfiSafi;
import java.util.List;

/**
 * ADD-PATH (code 69, RFC 7911 §4): per family AFI (2), SAFI (1) and Send/Receive (1): 1 = the sender can
 * receive multiple paths, 2 = it can send them, 3 = both.
 */
public record AddPathCapability(List<Entry> entries) implements Capability {
  public static final int RECEIVE = 1;
  public static final int SEND = 2;
  public static final int BOTH = 3;

  public record Entry(AfiSafi family, int sendReceive) {
    public boolean canReceive() {
      return (sendReceive & RECEIVE) != 0;
    }

    public boolean canSend() {
      return (sendReceive & SEND) != 0;
    }
  }

  public AddPathCapability {
    entries = List.copyOf(entries);
  }

  /** The mode advertised for {@code family}, or 0 when the family is not listed. */
  public int mode(AfiSafi family) {
    for (Entry e : entries) {
      if (e.family().equals(family)) return e.sendReceive();
    }
    return 0;
  }

  @Override
  public int code() {
    return ADD_PATH;
  }
}
