package io.routemill.collector.station;

import io.routemill.wire.bmp.PeerHeader;
import io.routemill.wire.bmp.PeerKey;
import io.routemill.wire.bmp.PeerUp;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the station knows about one BMP router (one TCP connection that sent an Initiation): its
 * identification, per-type message counters, per-kind error counters and its monitored peers. Written by
 * the connection's event loop only; read by API threads.
 */
public final class RouterState {
  final String address;
  final Instant connectedSince;
  volatile String sysName = "";
  volatile String sysDescr = "";
  final Counters messages = new Counters();
  final Counters errors = new Counters();
  final ConcurrentHashMap<PeerKey, MonitoredPeer> peers = new ConcurrentHashMap<>();

  RouterState(String address, Instant connectedSince) {
    this.address = address;
    this.connectedSince = connectedSince;
  }

  public String address() {
    return address;
  }

  /** A peer of the router, as its Peer Up (or, without one, its latest per-peer header) describes it. */
  static final class MonitoredPeer {
    volatile PeerHeader header;
    volatile PeerUp peerUp;
    volatile Instant upSince;
    volatile String state = "unknown";
    /** The peer's identity per view, built at first use in the session (event loop only). */
    final io.routemill.collector.event.PeerIdentity[] identities =
        new io.routemill.collector.event.PeerIdentity[io.routemill.collector.rib.RibView.values().length];
    final Counters errors = new Counters();
    /** The views Peer Ups announced since the session's first Peer Up (event loop only). */
    final java.util.EnumSet<io.routemill.collector.rib.RibView> upViews =
        java.util.EnumSet.noneOf(io.routemill.collector.rib.RibView.class);

    /**
     * Whether {@code up} only announces one more view of the session in force (the same OPENs, a view no Peer Up
     * of this session announced yet) rather than a new session; records its view either way.
     */
    boolean anotherView(PeerUp up, io.routemill.collector.rib.RibView view) {
      PeerUp current = peerUp;
      boolean another = current != null && !upViews.contains(view)
          && java.util.Arrays.equals(current.sentOpen().raw(), up.sentOpen().raw())
          && java.util.Arrays.equals(current.receivedOpen().raw(), up.receivedOpen().raw());
      if (!another) upViews.clear();
      upViews.add(view);
      return another;
    }

    void resetIdentities() {
      java.util.Arrays.fill(identities, null);
    }

    MonitoredPeer(PeerHeader header) {
      this.header = header;
    }
  }

  MonitoredPeer peer(PeerHeader header) {
    MonitoredPeer peer = peers.computeIfAbsent(header.key(), k -> new MonitoredPeer(header));
    peer.header = header;
    return peer;
  }
}
