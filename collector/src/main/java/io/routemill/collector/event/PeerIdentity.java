package io.routemill.collector.event;

import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableKey;
import io.routemill.wire.bgp.IpAddresses;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who an event is about, built once per session (BMP Peer Up or first Route Monitoring, BGP OPEN, MRT peer index)
 * and shared by all its events, so nothing downstream parses text back into addresses.
 *
 * <p>The table a peer's routes fill ({@link #table()}) is derived here once: (router, source, peer address,
 * distinguisher, view). Two identities are equal when their table and their session facts (AS numbers, BGP
 * identifiers, local address, 4-octet AS) are. Addresses are 4 or 16 bytes in network order; an unknown BGP
 * identifier or local address is an empty array, an unknown AS 0. Do not modify the arrays.
 *
 * @param router the BMP router's address text, the collector's router id for direct sessions, or the name of an
 *     MRT source
 * @param fourOctetAs whether the session's AS_PATHs carry 4-octet AS numbers (RFC 6793); MRT records written for
 *     this peer use the *_AS4 subtypes when it is set
 */
public record PeerIdentity(String router, Source source, byte[] address, long asn, byte[] bgpId, long distinguisher,
    RibView view, byte[] localAddress, long localAs, boolean fourOctetAs, TableKey table) {
  private static final byte[] NONE = new byte[0];

  public PeerIdentity {
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(view, "view");
    if (address.length != 4 && address.length != 16) throw new IllegalArgumentException("peer address of " + address.length + " bytes");
    if (bgpId.length != 0 && bgpId.length != 4) throw new IllegalArgumentException("BGP identifier of " + bgpId.length + " bytes");
    if (localAddress.length != 0 && localAddress.length != 4 && localAddress.length != 16) {
      throw new IllegalArgumentException("local address of " + localAddress.length + " bytes");
    }
    TableKey derived = new TableKey(router, source, IpAddresses.format(address), distinguisher, view);
    if (table == null) {
      table = derived;
    } else if (!table.equals(derived)) {
      throw new IllegalArgumentException("table " + table + " is not the table of " + derived);
    }
  }

  /** An identity with its table derived from the other fields. */
  public static PeerIdentity of(String router, Source source, byte[] address, long asn, byte[] bgpId,
      long distinguisher, RibView view, byte[] localAddress, long localAs, boolean fourOctetAs) {
    return new PeerIdentity(router, source, address, asn, bgpId == null ? NONE : bgpId, distinguisher, view,
        localAddress == null ? NONE : localAddress, localAs, fourOctetAs, null);
  }

  /** The same peer seen in another view (BMP: the same per-peer header with other L/O flags). */
  public PeerIdentity inView(RibView other) {
    if (other == view) return this;
    return new PeerIdentity(router, source, address, asn, bgpId, distinguisher, other, localAddress, localAs,
        fourOctetAs, null);
  }

  /** The peer's address as RFC 5952 text (the table key's). */
  public String addressText() {
    return table.peerAddress();
  }

  /** The BGP identifier as a dotted quad, or null when unknown. */
  public String bgpIdText() {
    return bgpId.length == 4 ? IpAddresses.format(bgpId) : null;
  }

  public boolean isIpv6() {
    return address.length == 16;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerIdentity p && table.equals(p.table) && asn == p.asn && localAs == p.localAs
        && fourOctetAs == p.fourOctetAs && Arrays.equals(bgpId, p.bgpId) && Arrays.equals(localAddress, p.localAddress);
  }

  @Override
  public int hashCode() {
    return table.hashCode() * 31 + Long.hashCode(asn);
  }

  @Override
  public String toString() {
    return table.router() + "/" + source.label() + " peer " + addressText() + " AS" + asn
        + (distinguisher == 0 ? "" : " RD " + Long.toUnsignedString(distinguisher)) + " " + view.label();
  }
}
