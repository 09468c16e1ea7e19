package io.routemill.wire.bmp;

/**
 * Identifies one monitored peer (one BGP session, or one Loc-RIB instance) within a BMP session: peer type,
 * distinguisher, address family and address (RFC 7854 §4.2). The L, A and O flags are deliberately not part of
 * the key: pre-/post-policy and Adj-RIB-In/-Out views of the same session share its Peer Up (some routers send
 * one Peer Up per view, with the L flag set on the post-policy one; they carry the same OPENs).
 */
public record PeerKey(int peerType, long distinguisher, boolean ipv6, long addressHigh, long addressLow) {}
