package io.routemill.archiver.archive;

import io.routemill.collector.event.PeerIdentity;
import io.routemill.archiver.parquet.RouteRow;
import java.util.HashMap;
import org.apache.parquet.io.api.Binary;

/**
 * The per-peer text columns of the Parquet rows (router, peer address, BGP identifier, view), encoded once per
 * peer rather than once per row: a full table of one-prefix UPDATEs would otherwise format and encode the same
 * four strings a million times. Remembers at most {@value #CAPACITY} peers, then starts afresh. Not thread-safe.
 */
final class SessionColumns {
  static final int CAPACITY = 4096;

  private final HashMap<PeerIdentity, Binary[]> columns = new HashMap<>();
  private PeerIdentity last;
  private Binary[] lastColumns;

  /** Sets the peer's columns and ASN on {@code row}. */
  void set(PeerIdentity p, RouteRow row) {
    if (p != last) {
      Binary[] c = columns.get(p);
      if (c == null) {
        if (columns.size() >= CAPACITY) columns.clear();
        String bgpId = p.bgpIdText();
        c = new Binary[] {Binary.fromString(p.router()), Binary.fromString(p.addressText()),
            bgpId == null ? null : Binary.fromString(bgpId), Binary.fromString(TableViews.label(p.source(), p.view()))};
        columns.put(p, c);
      }
      last = p;
      lastColumns = c;
    }
    row.router = lastColumns[0];
    row.peerAddress = lastColumns[1];
    row.peerBgpId = lastColumns[2];
    row.view = lastColumns[3];
    row.peerAsn = p.asn();
  }
}
