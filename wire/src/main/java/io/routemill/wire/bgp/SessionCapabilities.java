package io.routemill.wire.bgp;

import io.routemill.wire.bgp.capability.AddPathCapability;
import io.routemill.wire.bgp.capability.Capability;
import java.util.HashSet;
import java.util.Set;

/**
 * Derives the {@link DecodeContext} of a session from the two OPENs exchanged. A capability only takes
 * effect when both sides advertise it: 4-octet AS (RFC 6793 §3), Extended Message (RFC 8654 §3). ADD-PATH is
 * directional (RFC 7911 §4): path ids appear in what we receive for family F only if we said we can receive
 * (1 or 3) and they said they can send (2 or 3) for F.
 */
public final class SessionCapabilities {
  private SessionCapabilities() {}

  /** How to read the messages {@code theirs} sends us after we sent {@code ours}. */
  public static DecodeContext receiveContext(Open ours, Open theirs) {
    return context(ours, theirs);
  }

  /** How to write the messages we send to {@code theirs}: the mirror image of {@link #receiveContext}. */
  public static DecodeContext sendContext(Open ours, Open theirs) {
    return context(theirs, ours);
  }

  private static DecodeContext context(Open receiver, Open sender) {
    boolean as4 = receiver.hasCapability(Capability.FOUR_OCTET_AS) && sender.hasCapability(Capability.FOUR_OCTET_AS);
    boolean ext = receiver.hasCapability(Capability.EXTENDED_MESSAGE)
        && sender.hasCapability(Capability.EXTENDED_MESSAGE);
    Set<AfiSafi> addPath = new HashSet<>();
    for (Capability c : receiver.capabilities()) {
      if (!(c instanceof AddPathCapability mine)) continue;
      for (AddPathCapability.Entry e : mine.entries()) {
        if (e.canReceive() && (sendMode(sender, e.family()) & AddPathCapability.SEND) != 0) addPath.add(e.family());
      }
    }
    return new DecodeContext(as4, addPath, ext);
  }

  private static int sendMode(Open sender, AfiSafi family) {
    int mode = 0;
    for (Capability c : sender.capabilities()) {
      if (c instanceof AddPathCapability a) mode |= a.mode(family);
    }
    return mode;
  }
}
