package io.routemill.bench;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The UPDATEs one BGP peer sends for a {@link FullTable}, as raw BGP messages for a direct session (no BMP
 * framing): the same grouping as {@link PeerUpdates} — prefixes by attribute set (origin AS plus a community variant
 * for about a quarter), packed into UPDATEs of at most 4,096 bytes, 4-octet AS paths of 2–7 hops — then End-of-RIB
 * for IPv4 and IPv6.
 */
final class BgpPeerUpdates {
  private final PeerUpdates updates;

  BgpPeerUpdates(FullTable table, long peerAs, byte[] nextHop) {
    this.updates = new PeerUpdates(table, 0, peerAs, nextHop);
  }

  /** UPDATEs written so far. */
  long updates() {
    return updates.updates();
  }

  /** Writes every UPDATE of both families and the two End-of-RIB markers; returns the number of prefixes. */
  long write(OutputStream out) throws IOException {
    PeerUpdates.Sink raw = update -> {
      try {
        update.readBytes(out, update.readableBytes());
      } finally {
        update.release();
      }
    };
    long n = updates.writeFamily(raw, false) + updates.writeFamily(raw, true);
    out.write(endOfRib(false));
    out.write(endOfRib(true));
    return n;
  }

  private static byte[] endOfRib(boolean ipv6) {
    if (!ipv6) return new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 23, 2, 0, 0, 0, 0};
    return new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 29, 2, 0, 0, 0, 6,
        (byte) 0x80, 15, 3, 0, 2, 1};
  }
}
