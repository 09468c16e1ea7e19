package io.routemill.wire.bmp;

import java.util.List;
import java.util.Objects;

/**
 * Route Mirroring (RFC 7854 §4.7): a per-peer header and TLVs, type 0 a verbatim BGP message (kept as bytes: a
 * mirrored PDU may be exactly the errored one), type 1 a 2-byte information code (0 errored PDU, 1 messages lost).
 */
public record RouteMirroring(PeerHeader peer, List<InfoTlv> tlvs) implements BmpMessage {
  public RouteMirroring {
    Objects.requireNonNull(peer, "peer");
    tlvs = List.copyOf(tlvs);
  }

  @Override
  public int type() {
    return TYPE_ROUTE_MIRRORING;
  }
}
