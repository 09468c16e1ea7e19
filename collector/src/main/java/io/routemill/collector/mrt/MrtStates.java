package io.routemill.collector.mrt;

import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.event.RouteEvent.DownReason;
import io.routemill.collector.event.RouteEvent.PeerDown;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * MRT STATE_CHANGE records as events (RFC 6396 §4.4.1; RFC 4271 §8.2.2 states, 1 Idle … 6 Established). A change
 * from Established to any other state is a {@link PeerDown} (reason {@link DownReason#REMOTE_NO_NOTIFICATION}, no
 * notification, routes not kept), so a RIB loaded from the file forgets the peer's routes as the collector that
 * wrote it did; every other change is a {@link RouteEvent.StateChange} with the record's two states.
 *
 * <p>The record's new state travels in the Peer Down's {@code detail}, {@code "MRT STATE_CHANGE 6 -> N"}, and
 * {@link #newState} reads it back, so consumers that write the file's states again (the Parquet converter's STATE
 * rows) keep them exactly.
 */
public final class MrtStates {
  public static final int ESTABLISHED = 6;
  private static final String DETAIL = "MRT STATE_CHANGE " + ESTABLISHED + " -> ";

  private MrtStates() {}

  /** The event of a STATE_CHANGE record from {@code oldState} to {@code newState}. */
  public static RouteEvent.PeerEvent event(PeerIdentity peer, long micros, int oldState, int newState) {
    if (oldState == ESTABLISHED && newState != ESTABLISHED) {
      return new PeerDown(peer, micros, DownReason.REMOTE_NO_NOTIFICATION, Optional.empty(), DETAIL + newState,
          false);
    }
    return new RouteEvent.StateChange(peer, micros, oldState, newState);
  }

  /** The MRT record's new state of a Peer Down made by {@link #event}; empty for any other Peer Down. */
  public static OptionalInt newState(PeerDown down) {
    String d = down.detail();
    if (d == null || !d.startsWith(DETAIL) || d.length() == DETAIL.length()) return OptionalInt.empty();
    try {
      return OptionalInt.of(Integer.parseInt(d.substring(DETAIL.length())));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
