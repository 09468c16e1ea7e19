package io.routemill.archiver.archive;

import io.routemill.archiver.parquet.AttributeColumnsCache;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.archiver.parquet.RouteRow;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.archiver.parquet.CorrectionColumn;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.event.RouteEvent.EndOfRib;
import io.routemill.collector.event.RouteEvent.PeerDown;
import io.routemill.collector.event.RouteEvent.PeerUp;
import io.routemill.collector.event.RouteEvent.RouteUpdate;
import io.routemill.collector.event.RouteEvent.StateChange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;

/**
 * One rotation interval of the updates archive: the MRT file and the Parquet file being written, each under its
 * temporary name. The two formats fail independently: when one cannot be written (disk full, permission denied)
 * it is abandoned for the rest of the interval and reported, and the other goes on.
 */
final class UpdatesFile {
  final Instant start;
  final Instant end;
  final String mrtName;
  final String parquetName;
  private final ArchiveStore store;
  private final boolean extendedTimestamps;
  private final Binary collector;
  private final MrtRecords record = new MrtRecords();
  private final RouteRow row = new RouteRow();
  private final AttributeColumnsCache columns = new AttributeColumnsCache();
  private final SessionColumns sessions = new SessionColumns();

  private Path mrtTemp;
  private FSDataOutputStream mrtRaw;
  private ArchiveStore.HashingOutputStream mrtHash;
  private BackgroundGzipOutputStream mrtOut;
  String mrtError;
  long mrtRecords;

  private Path parquetTemp;
  private RouteParquetWriter parquet;
  String parquetError;

  UpdatesFile(ArchiveStore store, ArchiveSettings settings, Instant start, Instant end, Binary collector) {
    this.store = store;
    this.start = start;
    this.end = end;
    this.extendedTimestamps = settings.extendedTimestamps();
    this.collector = collector;
    Instant named = ArchiveNames.alignedStart(start, settings.updatesInterval());
    this.mrtName = ArchiveNames.updatesMrt(settings.collector(), named, settings.updatesInterval());
    this.parquetName = ArchiveNames.updatesParquet(settings.collector(), named, settings.updatesInterval());
    try {
      mrtTemp = store.temporary(store.resolve(mrtName));
      mrtRaw = store.create(mrtTemp);
      mrtHash = new ArchiveStore.HashingOutputStream(mrtRaw);
      mrtOut = new BackgroundGzipOutputStream(mrtHash, settings.gzipLevel(), mrtName);
    } catch (IOException | RuntimeException e) {
      mrtError = describe(e);
      abandonMrt();
    }
    try {
      parquetTemp = store.temporary(store.resolve(parquetName));
      parquet = new RouteParquetWriter(store.parquetFile(parquetTemp), store.conf(), true);
    } catch (IOException | RuntimeException e) {
      parquetError = describe(e);
      abandonParquet();
    }
  }

  static String describe(Throwable e) {
    if (e instanceof org.apache.hadoop.fs.FSError && e.getCause() != null) e = e.getCause();
    String m = e.getMessage();
    String what = e instanceof java.nio.file.AccessDeniedException || (m != null && m.contains("Permission denied"))
        ? "permission denied"
        : m != null && (m.contains("No space left") || m.contains("Disk quota")) ? "disk full" : null;
    return (what == null ? "" : what + ": ") + e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  long parquetRows() {
    return parquet == null ? 0 : parquet.rows();
  }

  /** Whether the updates archive holds this kind of event: UPDATEs (End-of-RIB too) and FSM state changes. */
  static boolean archives(RouteEvent event) {
    return event instanceof RouteUpdate || event instanceof EndOfRib || event instanceof PeerUp
        || event instanceof PeerDown || event instanceof StateChange;
  }

  /**
   * Writes one event ({@link #archives} must hold): UPDATEs as BGP4MP(_ET) MESSAGE records with their bytes as
   * received, state changes as STATE_CHANGE records (Peer Up: previous state → 6, Peer Down: 6 → 1); Parquet rows
   * from the decoded, corrected UPDATE, as the RIB holds it, with its corrections.
   */
  void write(RouteEvent.PeerEvent event) {
    PeerIdentity p = event.peer();
    byte[] peer = p.address();
    byte[] local = p.localAddress().length == peer.length ? p.localAddress() : new byte[peer.length];
    if (mrtOut != null) {
      record.reset();
      if (event instanceof RouteUpdate u) {
        record.message(u.receivedAtMicros(), extendedTimestamps, p.fourOctetAs(), u.addPath(), p.asn(), p.localAs(),
            peer, local, u.raw());
      } else if (event instanceof EndOfRib e) {
        record.message(e.receivedAtMicros(), extendedTimestamps, p.fourOctetAs(), e.addPath(), p.asn(), p.localAs(),
            peer, local, e.raw());
      } else {
        int[] states = states(event);
        record.stateChange(event.receivedAtMicros(), extendedTimestamps, p.asn(), p.localAs(), peer, local, states[0],
            states[1]);
      }
      try {
        mrtOut.write(record.buf, 0, record.n);
        mrtRecords++;
      } catch (IOException | RuntimeException e) {
        mrtError = describe(e);
        abandonMrt();
      }
    }
    if (parquet != null) {
      try {
        rows(event, p);
      } catch (IOException | RuntimeException e) {
        parquetError = describe(e);
        abandonParquet();
      }
    }
  }

  private static int[] states(RouteEvent.PeerEvent event) {
    if (event instanceof PeerUp up) return new int[] {up.previousState(), 6};
    if (event instanceof PeerDown down) return new int[] {6, down.newState()};
    StateChange c = (StateChange) event;
    return new int[] {c.oldState(), c.newState()};
  }

  private void rows(RouteEvent.PeerEvent event, PeerIdentity p) throws IOException {
    if (event instanceof EndOfRib) return;
    RouteRow r = row;
    r.clearRoute();
    r.collector = collector;
    sessions.set(p, r);
    r.timestampMicros = event.receivedAtMicros();
    if (event instanceof RouteUpdate u) {
      UpdateRows.write(u.update(), CorrectionColumn.of(u.corrections()), r, parquet, columns);
      return;
    }
    int[] states = states(event);
    r.afi = p.isIpv6() ? AfiSafi.AFI_IPV6 : AfiSafi.AFI_IPV4;
    r.type = RouteRow.STATE;
    r.oldState = states[0];
    r.newState = states[1];
    parquet.write(r);
  }

  /** Nothing more will be written: closes both files. Failures are recorded in mrtError / parquetError. */
  void close() {
    if (mrtOut != null) {
      try {
        mrtOut.close(); // finishes the gzip trailer and closes the file
      } catch (IOException | RuntimeException e) {
        mrtError = describe(e);
        abandonMrt();
      }
    }
    if (parquet != null) {
      try {
        parquet.close();
      } catch (IOException | RuntimeException e) {
        parquetError = describe(e);
        abandonParquet();
      }
    }
  }

  /** After {@link #close}: publishes what was written; returns the index entries. */
  List<ArchiveIndex.Entry> publish(String collectorName, Instant closedAt) {
    List<ArchiveIndex.Entry> out = new java.util.ArrayList<>();
    Instant until = closedAt.isBefore(end) ? closedAt : end;
    if (mrtOut != null && mrtError == null) {
      try {
        Path p = store.publish(mrtTemp, store.resolve(mrtName));
        out.add(new ArchiveIndex.Entry(store.relative(p), "updates", "mrt", collectorName, start, until, mrtRecords,
            mrtHash.count(), mrtHash.sha256()));
      } catch (IOException | RuntimeException e) {
        mrtError = describe(e);
        abandonMrt();
      }
    }
    if (parquet != null && parquetError == null) {
      try {
        Path p = store.publish(parquetTemp, store.resolve(parquetName));
        out.add(new ArchiveIndex.Entry(store.relative(p), "updates", "parquet", collectorName, start, until,
            parquet.rows(), store.fs().getFileStatus(p).getLen(), store.sha256(p)));
      } catch (IOException | RuntimeException e) {
        parquetError = describe(e);
        abandonParquet();
      }
    }
    return out;
  }

  private void abandonMrt() {
    BackgroundGzipOutputStream o = mrtOut;
    mrtOut = null;
    if (o != null) {
      o.abandon(); // no more writes into the file from the gzip thread
      try {
        mrtRaw.close();
      } catch (IOException | RuntimeException ignored) {
        // the file is being discarded
      }
    }
    if (mrtTemp != null) store.discard(mrtTemp);
  }

  private void abandonParquet() {
    RouteParquetWriter w = parquet;
    parquet = null;
    if (w != null) {
      try {
        w.close();
      } catch (IOException | RuntimeException ignored) {
        // the file is being discarded
      }
    }
    if (parquetTemp != null) store.discard(parquetTemp);
  }
}
