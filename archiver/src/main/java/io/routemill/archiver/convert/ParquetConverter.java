package io.routemill.archiver.convert;

import io.routemill.archiver.archive.UpdateRows;
import io.routemill.archiver.parquet.AttributeColumns;
import io.routemill.archiver.parquet.AttributeColumnsCache;
import io.routemill.archiver.parquet.CorrectionColumn;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.archiver.parquet.RouteRow;
import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.event.RouteEvent.EndOfRib;
import io.routemill.collector.event.RouteEvent.PeerDown;
import io.routemill.collector.event.RouteEvent.PeerUp;
import io.routemill.collector.event.RouteEvent.RouteUpdate;
import io.routemill.collector.event.RouteEvent.StateChange;
import io.routemill.collector.event.RouteEvent.TableEntry;
import io.routemill.collector.mrt.MrtStates;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;

/**
 * Writes the Parquet rows of a stream of {@link RouteEvent}s, such as an {@link io.routemill.collector.mrt.MrtSource}
 * gives for one MRT file ({@code routemill convert}), into one file of the archive's schema. The table is chosen by
 * the first event that has rows: {@link TableEntry} makes it the {@code routes} table, one row per entry (timestamp
 * the originated time; next hop MP_REACH_NLRI's when the entry has one, except IPv4 entries of legacy TABLE_DUMP,
 * 2-octet peers, which use NEXT_HOP, as bgpdump); UPDATEs (End-of-RIB included) and state changes make it the
 * {@code updates} table: {@link UpdateRows} per UPDATE, with the event's corrections, and a STATE row per
 * {@link StateChange}, {@link PeerDown} (6 → the MRT record's new state, {@link PeerDown#newState}, 1 for
 * others) and {@link PeerUp} (previous state → 6). Events of the other table are ignored, as are router events.
 *
 * <p>MRT has no router or view: {@code router} is the collector's name and {@code view} is {@code bgp}, as for
 * routemill's own direct sessions. A file that gets no event at all is an empty {@code updates} table. Not
 * thread-safe.
 */
public final class ParquetConverter implements Consumer<RouteEvent>, Closeable {
  private static final Binary VIEW = Binary.fromString("bgp");

  private final Configuration conf;
  private final Path file;
  private final RouteRow row = new RouteRow();
  private final AttributeColumnsCache columns = new AttributeColumnsCache();
  /** Per peer: its address and BGP identifier (null when unknown) columns. Identities are built once per peer. */
  private final Map<PeerIdentity, Binary[]> peerColumns = new IdentityHashMap<>();
  private RouteParquetWriter writer;
  private boolean routes;
  private long rows;

  /** A converter writing {@code file} (created on the first event with rows, or on {@link #close}). */
  public ParquetConverter(Configuration conf, Path file, String collector) {
    this.conf = conf;
    this.file = file;
    row.collector = Binary.fromString(collector);
    row.router = row.collector;
    row.view = VIEW;
  }

  /** {@link #write}, with write failures as {@link UncheckedIOException}. */
  @Override
  public void accept(RouteEvent event) {
    try {
      write(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the event's rows, if it has any and belongs to the file's table. */
  public void write(RouteEvent event) throws IOException {
    if (event instanceof TableEntry e) {
      RouteParquetWriter w = writer(true);
      if (w == null) return;
      row.clearRoute();
      peer(e.peer());
      prefix(e.prefix());
      row.timestampMicros = e.originatedSeconds() * 1_000_000L;
      row.pathId = e.pathId();
      row.attributes = AttributeColumns.of(e.attributes());
      row.mpNextHop = e.peer().fourOctetAs() || !e.prefix().isIpv4();
      row.corrections = CorrectionColumn.of(0);
      w.write(row);
      rows++;
    } else if (event instanceof RouteUpdate u) {
      RouteParquetWriter w = writer(false);
      if (w == null) return;
      session(u);
      rows += UpdateRows.write(u.update(), CorrectionColumn.of(u.corrections()), row, w, columns);
    } else if (event instanceof EndOfRib) {
      writer(false); // no rows, but an updates file
    } else if (event instanceof StateChange s) {
      state(s, s.oldState(), s.newState());
    } else if (event instanceof PeerDown d) {
      state(d, MrtStates.ESTABLISHED, d.newState());
    } else if (event instanceof PeerUp up) {
      state(up, up.previousState(), MrtStates.ESTABLISHED);
    }
  }

  private void state(RouteEvent.PeerEvent event, int oldState, int newState) throws IOException {
    RouteParquetWriter w = writer(false);
    if (w == null) return;
    session(event);
    row.afi = event.peer().isIpv6() ? AfiSafi.AFI_IPV6 : AfiSafi.AFI_IPV4;
    row.type = RouteRow.STATE;
    row.oldState = oldState;
    row.newState = newState;
    w.write(row);
    rows++;
  }

  /** The file's writer, opened for the table of the first event with rows; null for events of the other table. */
  private RouteParquetWriter writer(boolean routeRows) throws IOException {
    if (writer == null) {
      routes = routeRows;
      writer = new RouteParquetWriter(conf, file, !routeRows);
    }
    return routeRows == routes ? writer : null;
  }

  private void session(RouteEvent.PeerEvent event) {
    row.clearRoute();
    peer(event.peer());
    row.timestampMicros = event.receivedAtMicros();
  }

  private void peer(PeerIdentity p) {
    Binary[] c = peerColumns.get(p);
    if (c == null) {
      String bgpId = p.bgpIdText();
      c = new Binary[] {Binary.fromString(p.addressText()), bgpId == null ? null : Binary.fromString(bgpId)};
      peerColumns.put(p, c);
    }
    row.peerAddress = c[0];
    row.peerBgpId = c[1];
    row.peerAsn = p.asn();
  }

  private void prefix(Prefix p) {
    row.afi = p.afi();
    row.prefix = UpdateRows.prefixText(p);
    row.prefixAddress = Binary.fromConstantByteArray(p.address());
    row.prefixLength = p.length();
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }

  /** Whether the file is the {@code routes} table (else {@code updates}, or not chosen yet). */
  public boolean routes() {
    return writer != null && routes;
  }

  /** Finishes the file; with no event that had rows, it is an empty {@code updates} table. */
  @Override
  public void close() throws IOException {
    if (writer == null) writer(false);
    writer.close();
  }

  /** Closes what was opened, ignoring failures: the caller discards the file. */
  public void abandon() {
    if (writer == null) return;
    try {
      writer.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is discarded
    }
  }
}
