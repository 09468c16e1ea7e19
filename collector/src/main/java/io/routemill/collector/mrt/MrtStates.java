package io.routemill.collector.mrt;

import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.event.RouteEvent.DownReason;
import io.routemill.collector.event.RouteEvent.PeerDown;
import java.util.Optional;

/**
 * MRT STATE_CHANGE records as events (RFC 6396 §4.4.1; RFC 4271 §8.2.2 states, 1 Idle … 6 Established). A change
 * from Established to any other state is a {@link PeerDown} (reason {@link DownReason#REMOTE_NO_NOTIFICATION}, no
 * notification, routes not kept), so a RIB loaded from the file forgets the peer's routes as the collector that
 * wrote it did; every other change is a {@link RouteEvent.StateChange} with the record's two states.
 * The Peer Down carries the record's new state, so consumers that write the file's states again (the Parquet
 * converter's STATE rows) keep them exactly.
 */
public final class MrtStates {
  public static final int ESTABLISHED = 6;

  private MrtStates() {}

  /** The event of a STATE_CHANGE record from {@code oldState} to {@code newState}. */
  public static RouteEvent.PeerEvent event(PeerIdentity peer, long micros, int oldState, int newState) {
    if (oldState == ESTABLISHED && newState != ESTABLISHED) {
      return new PeerDown(peer, micros, DownReason.REMOTE_NO_NOTIFICATION, Optional.empty(),
          "MRT STATE_CHANGE " + oldState + " -> " + newState, false, newState);
    }
    return new RouteEvent.StateChange(peer, micros, oldState, newState);
  }
}
