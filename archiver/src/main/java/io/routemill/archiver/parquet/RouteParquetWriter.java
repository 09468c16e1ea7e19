package io.routemill.archiver.parquet;

import io.routemill.wire.bgp.attr.AsPathSegment;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link RouteRow}s to one Parquet file of the {@link RouteSchema#ROUTES} or {@link RouteSchema#UPDATES}
 * schema: ZSTD, dictionary encoding for the low-cardinality columns (strings, AS numbers), through any Hadoop
 * {@link org.apache.hadoop.fs.FileSystem}. Not thread-safe.
 *
 * <p>Values go straight to parquet-column's {@link ColumnWriter}s with their repetition and definition levels
 * (what parquet-mr's record assembly, {@code MessageColumnIO}'s record consumer, would compute for the same row):
 * no per-field bookkeeping, no per-row objects. The row groups are written as {@code InternalParquetRecordWriter}
 * writes them ({@link ColumnChunkPageWriteStore} flushed into a {@link ParquetFileWriter}).
 */
public final class RouteParquetWriter implements Closeable {
  /** Row group size: big enough for good compression, small enough to bound the writer's memory. */
  public static final long ROW_GROUP_BYTES = 64L << 20;
  private static final int PAGE_BYTES = 1 << 20;

  private final boolean updates;
  private final MessageType schema;
  private final ParquetProperties props;
  private final ParquetFileWriter file;
  private final Opened opened;
  private final CodecFactory codecs;
  private final CompressionCodecFactory.BytesInputCompressor compressor;
  private final Map<String, String> metadata = new HashMap<>();
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private int rowGroupOrdinal;
  private long rowGroupRows;
  private long nextSizeCheck;
  private long rows;
  private boolean closed;
  /** Tests only: a second writer that gets every row (see {@link #testTee}); null otherwise. */
  private final Tee tee;

  /** Tests only: a second sink for the rows of every writer created while set (the old record-assembly path). */
  interface Tee extends Closeable {
    void write(RouteRow row) throws IOException;
  }

  static volatile java.util.function.Function<Boolean, Tee> testTee;

  // the leaf columns, in schema order
  private ColumnWriter timestamp, collector, router, peerAddress, peerAsn, peerBgpId, view, afi, type, prefix,
      prefixAddress, prefixLength, pathId, asPath, segmentType, segmentAsns, originAsn, origin, nextHop, localPref,
      med, communities, largeCommunities, extCommunities, atomicAggregate, aggregator, otc, unknown, corrections, oldState,
      newState;

  public RouteParquetWriter(Configuration conf, Path file, boolean updates) throws IOException {
    this(HadoopOutputFile.fromPath(file, conf), conf, updates);
  }

  public RouteParquetWriter(OutputFile out, Configuration conf, boolean updates) throws IOException {
    this.updates = updates;
    java.util.function.Function<Boolean, Tee> t = testTee;
    this.tee = t == null ? null : t.apply(updates);
    this.schema = updates ? RouteSchema.UPDATES : RouteSchema.ROUTES;
    ParquetProperties.Builder b = ParquetProperties.builder()
        .withPageSize(PAGE_BYTES)
        .withDictionaryPageSize(PAGE_BYTES)
        .withDictionaryEncoding(true)
        // per-value bookkeeping nobody reads: page CRCs and SizeStatistics (level histograms); min/max statistics
        // (row group pruning) are kept for the scalar columns and dropped for the lists
        .withPageWriteChecksumEnabled(false)
        .withSizeStatisticsEnabled(false)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        // dictionary with fallback to plain, as parquet-mr's default, with the size check batched
        .withValuesWriterFactory(BatchedFallbackValuesWriter.factory());
    for (String column : RouteSchema.NO_DICTIONARY) b = b.withDictionaryEncoding(column, false);
    for (String column : RouteSchema.NO_STATISTICS) b = b.withStatisticsEnabled(column, false);
    props = b.build();
    this.opened = new Opened(out);
    ParquetFileWriter f;
    try {
      f = new ParquetFileWriter(opened, schema, ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES,
          ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, props);
    } catch (IOException | RuntimeException | FSError e) {
      opened.close(e);
      throw e;
    }
    this.file = f;
    try {
      this.file.start();
    } catch (IOException | RuntimeException | FSError e) {
      release(e);
      throw e;
    }
    codecs = new CodecFactory(conf, PAGE_BYTES);
    compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
    metadata.put("writer", "routemill");
    metadata.put("routemill.table", updates ? "updates" : "routes");
    metadata.put("writer.model.name", "routemill");
    startRowGroup();
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, schema, props.getAllocator(),
        props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled(), null, rowGroupOrdinal);
    store = props.newColumnWriteStore(schema, pages, pages);
    rowGroupRows = 0;
    nextSizeCheck = props.getMinRowCountForPageSizeCheck();
    timestamp = column("timestamp");
    collector = column("collector");
    router = column("router");
    peerAddress = column("peer_address");
    peerAsn = column("peer_asn");
    peerBgpId = column("peer_bgp_id");
    view = column("view");
    afi = column("afi");
    type = updates ? column("type") : null;
    prefix = column("prefix");
    prefixAddress = column("prefix_address");
    prefixLength = column("prefix_length");
    pathId = column("path_id");
    asPath = column("as_path", "list", "element");
    segmentType = column("as_path_segments", "list", "element", "type");
    segmentAsns = column("as_path_segments", "list", "element", "asns", "list", "element");
    originAsn = column("origin_asn");
    origin = column("origin");
    nextHop = column("next_hop");
    localPref = column("local_pref");
    med = column("med");
    communities = column("communities", "list", "element");
    largeCommunities = column("large_communities", "list", "element");
    extCommunities = column("ext_communities", "list", "element");
    atomicAggregate = column("atomic_aggregate");
    aggregator = column("aggregator");
    otc = column("otc");
    unknown = column("unknown_attributes", "list", "element");
    oldState = updates ? column("old_state") : null;
    newState = updates ? column("new_state") : null;
    corrections = column("corrections", "list", "element");
  }

  private ColumnWriter column(String... path) {
    ColumnDescriptor d = schema.getColumnDescription(path);
    return store.getColumnWriter(d);
  }

  /**
   * Writes one row. Levels: required top-level columns (0, 0); optional scalars (0, 1) present, (0, 0) null;
   * the three-level lists: (0, 0) null list, (0, 1) empty list, elements at definition 2 with repetition 0 for
   * the first and 1 for the next; {@code as_path_segments.list.element.asns} one level deeper.
   */
  public void write(RouteRow r) throws IOException {
    if (tee != null) tee.write(r);
    timestamp.write(r.timestampMicros, 0, 0);
    collector.write(r.collector, 0, 0);
    router.write(r.router, 0, 0);
    peerAddress.write(r.peerAddress, 0, 0);
    peerAsn.write(r.peerAsn, 0, 0);
    optional(peerBgpId, r.peerBgpId);
    view.write(r.view, 0, 0);
    afi.write(r.afi, 0, 0);
    if (updates) type.write(r.type, 0, 0);
    optional(prefix, r.prefix);
    optional(prefixAddress, r.prefixAddress);
    if (r.prefixLength >= 0) prefixLength.write(r.prefixLength, 0, 1); else prefixLength.writeNull(0, 0);
    optional(pathId, r.pathId);
    AttributeColumns a = r.attributes;
    if (a != null) {
      if (a.asPath != null) {
        longList(asPath, a.asPath);
        // only when as_path alone does not tell the structure: not exactly one AS_SEQUENCE (sets, confederations,
        // several segments, none); halves the AS path's share of the file for the usual path
        if (a.segmentTypes.length != 1 || a.segmentTypes[0] != AsPathSegment.AS_SEQUENCE) {
          segments(a);
        } else {
          segmentType.writeNull(0, 0);
          segmentAsns.writeNull(0, 0);
        }
      } else {
        asPath.writeNull(0, 0);
        segmentType.writeNull(0, 0);
        segmentAsns.writeNull(0, 0);
      }
      optional(originAsn, a.originAsn);
      optional(origin, a.origin);
      optional(nextHop, a.nextHop(r.mpNextHop));
      optional(localPref, a.localPref);
      optional(med, a.med);
      binaryList(communities, a.communities);
      binaryList(largeCommunities, a.largeCommunities);
      binaryList(extCommunities, a.extCommunities);
      atomicAggregate.write(a.atomicAggregate, 0, 1);
      optional(aggregator, a.aggregator);
      optional(otc, a.otc);
      binaryList(unknown, a.unknown);
    } else {
      asPath.writeNull(0, 0);
      segmentType.writeNull(0, 0);
      segmentAsns.writeNull(0, 0);
      originAsn.writeNull(0, 0);
      origin.writeNull(0, 0);
      nextHop.writeNull(0, 0);
      localPref.writeNull(0, 0);
      med.writeNull(0, 0);
      communities.writeNull(0, 0);
      largeCommunities.writeNull(0, 0);
      extCommunities.writeNull(0, 0);
      atomicAggregate.writeNull(0, 0);
      aggregator.writeNull(0, 0);
      otc.writeNull(0, 0);
      unknown.writeNull(0, 0);
    }
    if (updates) {
      if (r.oldState >= 0) oldState.write(r.oldState, 0, 1); else oldState.writeNull(0, 0);
      if (r.newState >= 0) newState.write(r.newState, 0, 1); else newState.writeNull(0, 0);
    }
    if (r.corrections == null) corrections.writeNull(0, 0); else binaryList(corrections, r.corrections);
    store.endRecord();
    rows++;
    if (++rowGroupRows >= nextSizeCheck) checkRowGroupSize();
  }

  /** As {@code InternalParquetRecordWriter#checkBlockSizeReached}: flush when the next rows would pass the size. */
  private void checkRowGroupSize() throws IOException {
    long buffered = store.getBufferedSize();
    long rowSize = Math.max(1, buffered / rowGroupRows);
    if (buffered > ROW_GROUP_BYTES - 2 * rowSize) {
      flushRowGroup();
      startRowGroup();
    } else {
      nextSizeCheck = Math.min(Math.max(props.getMinRowCountForPageSizeCheck(),
          (rowGroupRows + (long) (ROW_GROUP_BYTES / (float) rowSize)) / 2),
          rowGroupRows + props.getMaxRowCountForPageSizeCheck());
    }
  }

  private void flushRowGroup() throws IOException {
    if (rowGroupRows > 0) {
      rowGroupOrdinal++;
      file.startBlock(rowGroupRows);
      store.flush();
      pages.flushToFileWriter(file);
      file.endBlock();
    }
    store.close();
    rowGroupRows = 0;
  }

  private static void optional(ColumnWriter w, Binary v) {
    if (v == null) w.writeNull(0, 0); else w.write(v, 0, 1);
  }

  private static void optional(ColumnWriter w, Long v) {
    if (v == null) w.writeNull(0, 0); else w.write(v.longValue(), 0, 1);
  }

  private static void optional(ColumnWriter w, long v) {
    if (v < 0) w.writeNull(0, 0); else w.write(v, 0, 1);
  }

  private static void longList(ColumnWriter w, long[] values) {
    if (values.length == 0) {
      w.writeNull(0, 1);
      return;
    }
    w.write(values[0], 0, 2);
    for (int i = 1; i < values.length; i++) w.write(values[i], 1, 2);
  }

  private static void binaryList(ColumnWriter w, Binary[] values) {
    if (values.length == 0) {
      w.writeNull(0, 1);
      return;
    }
    w.write(values[0], 0, 2);
    for (int i = 1; i < values.length; i++) w.write(values[i], 1, 2);
  }

  private void segments(AttributeColumns a) {
    int n = a.segmentTypes.length;
    if (n == 0) {
      segmentType.writeNull(0, 1);
      segmentAsns.writeNull(0, 1);
      return;
    }
    for (int s = 0; s < n; s++) {
      int r = s == 0 ? 0 : 1;
      int t = a.segmentTypes[s];
      segmentType.write(t >= 1 && t <= 4 ? AttributeColumns.SEGMENT_TYPES[t]
          : AttributeColumns.utf8(Integer.toString(t)), r, 2);
      long[] asns = a.segmentAsns[s];
      if (asns.length == 0) {
        segmentAsns.writeNull(r, 2);
      } else {
        segmentAsns.write(asns[0], r, 3);
        for (int i = 1; i < asns.length; i++) segmentAsns.write(asns[i], 2, 3);
      }
    }
  }

  public long rows() {
    return rows;
  }

  /** Bytes written so far (the file's size once closed). */
  public long dataSize() {
    try {
      return closed ? file.getPos() : file.getPos() + (store == null ? 0 : store.getBufferedSize());
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      flushRowGroup();
      store = null;
      file.end(metadata); // closes the stream
    } catch (IOException | RuntimeException | FSError e) {
      release(e); // the caller discards the file
      throw e;
    } finally {
      codecs.release();
      if (tee != null) tee.close();
    }
  }

  /**
   * After a failure: closes the file's stream. ParquetFileWriter does not close it once a write failed (it is
   * "aborted"), and an open descriptor keeps a deleted temporary file's space (a full disk stays full).
   */
  private void release(Throwable failure) {
    try {
      file.close();
    } catch (IOException | RuntimeException | FSError suppressed) {
      failure.addSuppressed(suppressed);
    }
    opened.close(failure);
  }

  /** The output file, remembering the stream it opened so that {@link #release} can close it. */
  private static final class Opened implements OutputFile {
    private final OutputFile file;
    private PositionOutputStream stream;

    Opened(OutputFile file) {
      this.file = file;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      stream = file.create(blockSizeHint);
      return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      stream = file.createOrOverwrite(blockSizeHint);
      return stream;
    }

    @Override
    public boolean supportsBlockSize() {
      return file.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
      return file.defaultBlockSize();
    }

    @Override
    public String getPath() {
      return file.getPath();
    }

    /** Closes the stream, if one was opened (again: closing twice is harmless); failures go to {@code failure}. */
    void close(Throwable failure) {
      if (stream == null) return;
      try {
        stream.close();
      } catch (IOException | RuntimeException | FSError suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }
}
