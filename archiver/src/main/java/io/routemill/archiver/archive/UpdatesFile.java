package io.routemill.archiver.archive;

import io.netty.buffer.Unpooled;
import io.routemill.archiver.parquet.AttributeColumns;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.archiver.parquet.RouteRow;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import io.routemill.collector.stream.RouteEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;

/**
 * One rotation interval of the updates archive: the MRT file and the Parquet file being written, each under its
 * temporary name. The two formats fail independently: when one cannot be written (disk full, permission denied)
 * it is abandoned for the rest of the interval and reported, and the other goes on.
 */
final class UpdatesFile {
  private static final Set<AfiSafi> ADD_PATH_ALL = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV4_MULTICAST,
      AfiSafi.IPV6_UNICAST, AfiSafi.IPV6_MULTICAST);

  final Instant start;
  final Instant end;
  final String mrtName;
  final String parquetName;
  private final ArchiveStore store;
  private final boolean extendedTimestamps;
  private final Binary collector;
  private final PeerIds peerIds;
  private final MrtRecords record = new MrtRecords();
  private final RouteRow row = new RouteRow();

  private Path mrtTemp;
  private FSDataOutputStream mrtRaw;
  private ArchiveStore.HashingOutputStream mrtHash;
  private OutputStream mrtOut;
  String mrtError;
  long mrtRecords;

  private Path parquetTemp;
  private RouteParquetWriter parquet;
  String parquetError;

  UpdatesFile(ArchiveStore store, ArchiveSettings settings, Instant start, Instant end, Binary collector,
      PeerIds peerIds) {
    this.store = store;
    this.start = start;
    this.end = end;
    this.extendedTimestamps = settings.extendedTimestamps();
    this.collector = collector;
    this.peerIds = peerIds;
    Instant named = ArchiveNames.alignedStart(start, settings.updatesInterval());
    this.mrtName = ArchiveNames.updatesMrt(settings.collector(), named, settings.updatesInterval());
    this.parquetName = ArchiveNames.updatesParquet(settings.collector(), named, settings.updatesInterval());
    try {
      mrtTemp = store.temporary(store.resolve(mrtName));
      mrtRaw = store.create(mrtTemp);
      mrtHash = new ArchiveStore.HashingOutputStream(mrtRaw);
      mrtOut = new GZIPOutputStream(mrtHash, 1 << 16);
    } catch (IOException | RuntimeException e) {
      mrtError = describe(e);
      abandonMrt();
    }
    try {
      parquetTemp = store.temporary(store.resolve(parquetName));
      store.fs().mkdirs(parquetTemp.getParent());
      parquet = new RouteParquetWriter(store.conf(), parquetTemp, true);
    } catch (IOException | RuntimeException e) {
      parquetError = describe(e);
      abandonParquet();
    }
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    String what = e instanceof java.nio.file.AccessDeniedException || (m != null && m.contains("Permission denied"))
        ? "permission denied"
        : m != null && (m.contains("No space left") || m.contains("Disk quota")) ? "disk full" : null;
    return (what == null ? "" : what + ": ") + e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  long parquetRows() {
    return parquet == null ? 0 : parquet.rows();
  }

  void write(RouteEvent event) {
    RouteEvent.Session s = event.session();
    byte[] peer = MrtRecords.address(s.peerAddress(), 4);
    byte[] local = MrtRecords.address(s.localAddress(), peer.length);
    if (local.length != peer.length) local = new byte[peer.length];
    if (mrtOut != null) {
      record.reset();
      if (event instanceof RouteEvent.Update u) {
        record.message(u.receivedAtMicros(), extendedTimestamps, u.fourOctetAs(), u.addPath(), s.peerAs(),
            s.localAs(), peer, local, u.message());
      } else if (event instanceof RouteEvent.StateChange c) {
        record.stateChange(c.receivedAtMicros(), extendedTimestamps, s.peerAs(), s.localAs(), peer, local,
            c.oldState(), c.newState());
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
        rows(event, s, peer);
      } catch (IOException | RuntimeException e) {
        parquetError = describe(e);
        abandonParquet();
      }
    }
  }

  private void rows(RouteEvent event, RouteEvent.Session s, byte[] peer) throws IOException {
    RouteRow r = row;
    r.clearRoute();
    r.collector = collector;
    r.router = Binary.fromString(s.router());
    r.peerAddress = Binary.fromString(s.peerAddress());
    r.peerAsn = s.peerAs();
    r.peerBgpId = peerIds.get(s.router(), s.peerAddress());
    r.view = Binary.fromString(TableViews.label(s.source(), s.view()));
    r.timestampMicros = event.receivedAtMicros();
    if (event instanceof RouteEvent.StateChange c) {
      r.afi = peer.length == 4 ? AfiSafi.AFI_IPV4 : AfiSafi.AFI_IPV6;
      r.type = RouteRow.STATE;
      r.oldState = c.oldState();
      r.newState = c.newState();
      parquet.write(r);
      return;
    }
    RouteEvent.Update u = (RouteEvent.Update) event;
    DecodeContext ctx = new DecodeContext(u.fourOctetAs(), u.addPath() ? ADD_PATH_ALL : Set.of(), true);
    BgpMessage m = BgpMessageDecoder.decode(Unpooled.wrappedBuffer(u.message()), ctx);
    if (!(m instanceof Update update)) return;
    UpdateRows.write(update, r, parquet);
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
    OutputStream o = mrtOut;
    mrtOut = null;
    if (o != null) {
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
