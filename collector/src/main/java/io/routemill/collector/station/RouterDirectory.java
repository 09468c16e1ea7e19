package io.routemill.collector.station;

import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.WireText;
import io.routemill.wire.bmp.PeerHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The station's routers and their monitored peers as the query interface shows them: the routers are the
 * owners in the {@link RouterRegistry} (one connection per address); a peer is listed per RIB table it fills
 * (RFC 7854 §4.2 per-peer header: address and distinguisher; the view from the flags), and once without a table
 * while it has none.
 */
final class RouterDirectory {
  private RouterDirectory() {}

  static List<PeerInfo> peers(RouterRegistry registry, Rib rib) {
    List<PeerInfo> out = new ArrayList<>();
    java.util.Set<RouterState.MonitoredPeer> withTables = new java.util.HashSet<>();
    for (TableKey key : rib.keys()) {
      RouterRegistry.Claim r = key.source() == Source.BMP ? registry.owner(key.router()) : null;
      if (r == null) continue;
      RouterState.MonitoredPeer peer = find(r.state, key);
      PeerTable table = rib.find(key);
      if (table == null) continue;
      TableCounts c = table.counts();
      if (peer != null) withTables.add(peer);
      PeerHeader h = peer == null ? null : peer.header;
      out.add(new PeerInfo(key.router(), key.peerAddress(), table.peerAsn(), h == null ? null : WireText.bgpId(h.bgpId()),
          key.rib(), Source.BMP.label(), peer == null ? "unknown" : peer.state, peer == null ? null : peer.upSince,
          c.prefixesIpv4(), c.prefixesIpv6(), c.pathsIpv4(), c.pathsIpv6()));
    }
    for (RouterRegistry.Claim r : registry.owners()) {
      for (RouterState.MonitoredPeer peer : r.state.peers.values()) {
        if (withTables.contains(peer)) continue;
        PeerHeader h = peer.header;
        out.add(new PeerInfo(r.state.address, IpAddresses.format(h.peerAddress()), h.asn(), WireText.bgpId(h.bgpId()), null,
            Source.BMP.label(), peer.state, peer.upSince, 0, 0, 0, 0));
      }
    }
    return out;
  }

  private static RouterState.MonitoredPeer find(RouterState router, TableKey key) {
    for (RouterState.MonitoredPeer peer : router.peers.values()) {
      PeerHeader h = peer.header;
      if (h.distinguisher() == key.peerDistinguisher()
          && TableKey.canonicalAddress(IpAddresses.format(h.peerAddress())).equals(key.peerAddress())) {
        return peer;
      }
    }
    return null;
  }

  static List<RouterInfo> routers(RouterRegistry registry) {
    List<RouterInfo> out = new ArrayList<>();
    for (RouterRegistry.Claim r : registry.owners()) {
      RouterState s = r.state;
      out.add(new RouterInfo(s.address, s.sysName, s.sysDescr, s.connectedSince, s.messages.snapshot(),
          s.errors.snapshot()));
    }
    out.sort((a, b) -> a.address().compareTo(b.address()));
    return out;
  }
}
