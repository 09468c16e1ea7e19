package io.routemill.wire.bmp;

import io.routemill.wire.bgp.BgpMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Route Monitoring (RFC 7854 §4.6): a per-peer header and one BGP UPDATE PDU, from the view the header's peer type
 * and flags name (Adj-RIB-In pre/post policy, Adj-RIB-Out RFC 8671, Loc-RIB RFC 9069).
 *
 * <p>{@code update} is the PDU decoded with the context the caller's {@link PeerContexts} supplied (normally an
 * {@link io.routemill.wire.bgp.Update}; an {@link io.routemill.wire.bgp.InvalidMessage} when the PDU's
 * own header is broken). {@code bgpPdu} is the PDU's bytes (the same array as {@code update.raw()} when decoded).
 * {@code addPathFlipped} is true when the PDU was only clean under the ADD-PATH setting opposite to the one
 * supplied and was read that way ({@link io.routemill.wire.bgp.AddPathFallback}). Do not modify {@code bgpPdu}.
 *
 * <p>{@code tlvs}: TLVs (type 2, length 2, value) that follow the PDU inside the message. RFC 7854 has none, but
 * Huawei VRP 8.2x appends one (type 60002, 4 bytes) to its Loc-RIB Route Monitoring messages, in the style of
 * draft-ietf-grow-bmp-tlv; they are kept so the message re-encodes exactly. Usually empty.
 */
public record RouteMonitoring(PeerHeader peer, BgpMessage update, byte[] bgpPdu, boolean addPathFlipped,
    List<InfoTlv> tlvs) implements BmpMessage {
  public RouteMonitoring {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(bgpPdu, "bgpPdu");
    tlvs = List.copyOf(tlvs);
  }

  /** A message to encode: {@code pdu} is both the decoded message and the bytes written. */
  public RouteMonitoring(PeerHeader peer, BgpMessage pdu) {
    this(peer, pdu, pdu.raw(), false, List.of());
  }

  @Override
  public int type() {
    return TYPE_ROUTE_MONITORING;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteMonitoring r && r.peer.equals(peer) && Arrays.equals(r.bgpPdu, bgpPdu)
        && r.addPathFlipped == addPathFlipped && r.tlvs.equals(tlvs);
  }

  @Override
  public int hashCode() {
    return peer.hashCode() * 31 + Arrays.hashCode(bgpPdu);
  }

  @Override
  public String toString() {
    return "RouteMonitoring[" + peer + ", " + update + (addPathFlipped ? ", addPathFlipped" : "")
        + (tlvs.isEmpty() ? "" : ", " + tlvs) + "]";
  }
}
