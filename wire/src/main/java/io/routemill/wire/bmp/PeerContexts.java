package io.routemill.wire.bmp;

import io.routemill.wire.bgp.DecodeContext;

/**
 * How to read the BGP UPDATEs of one monitored peer's Route Monitoring messages. BMP does not repeat what the
 * monitored session negotiated (ADD-PATH, 4-octet AS) in each message: it is in the Peer Up sent earlier on the
 * same BMP session, so the caller, which keeps per-router state, supplies the lookup. {@link PeerUpTable} is a
 * ready-made one; {@link BmpPeerContexts} holds the derivation rules.
 */
@FunctionalInterface
public interface PeerContexts {
  /** For peers without state: the header's A flag decides the AS size, no ADD-PATH. */
  PeerContexts HEADER_ONLY = BmpPeerContexts::withoutPeerUp;

  /** The context for the BGP PDUs of a message with this per-peer header; never null. */
  DecodeContext contextFor(PeerHeader peer);
}
