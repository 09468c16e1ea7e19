package io.routemill.archiver.parquet;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import io.routemill.wire.bgp.attr.AsPathSegment;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * The previous writer (parquet-mr's record assembly through {@code ParquetWriter}), kept to prove the direct column
 * writer writes the same rows; it writes the {@code corrections} column added since. Original javadoc:
 *
 * Writes {@link RouteRow}s to one Parquet file of the {@link RouteSchema#ROUTES} or {@link RouteSchema#UPDATES}
 * schema: ZSTD, dictionary encoding for the low-cardinality columns (strings, AS numbers), through any Hadoop
 * {@link org.apache.hadoop.fs.FileSystem}. Not thread-safe.
 */
final class LegacyRouteParquetWriter implements RouteParquetWriter.Tee {
  /** Row group size: big enough for good compression, small enough to bound the writer's memory. */
  public static final long ROW_GROUP_BYTES = 64L << 20;

  private final ParquetWriter<RouteRow> writer;
  private long rows;

  LegacyRouteParquetWriter(Configuration conf, Path file, boolean updates) throws IOException {
    this(HadoopOutputFile.fromPath(file, conf), conf, updates);
  }

  LegacyRouteParquetWriter(OutputFile file, Configuration conf, boolean updates) throws IOException {
    MessageType schema = updates ? RouteSchema.UPDATES : RouteSchema.ROUTES;
    Builder b = new Builder(file, schema, updates)
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withDictionaryEncoding(true)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withPageSize(1 << 20)
        .withDictionaryPageSize(1 << 20)
        .withValidation(false)
        // per-value bookkeeping nobody reads: page CRCs and SizeStatistics (level histograms); min/max statistics
        // (row group pruning) are kept for the scalar columns and dropped for the lists
        .withPageWriteChecksumEnabled(false)
        .withSizeStatisticsEnabled(false)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0);
    for (String column : RouteSchema.NO_DICTIONARY) b = b.withDictionaryEncoding(column, false);
    for (String column : RouteSchema.NO_STATISTICS) b = b.withStatisticsEnabled(column, false);
    writer = b.build();
  }

  public void write(RouteRow row) throws IOException {
    writer.write(row);
    rows++;
  }

  public long rows() {
    return rows;
  }

  /** Bytes written so far (the file's size once closed). */
  public long dataSize() {
    return writer.getDataSize();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<RouteRow, Builder> {
    private final MessageType schema;
    private final boolean updates;

    Builder(OutputFile file, MessageType schema, boolean updates) {
      super(file);
      this.schema = schema;
      this.updates = updates;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in parquet-hadoop 1.18 although deprecated
    protected WriteSupport<RouteRow> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema, updates);
    }

    @Override
    protected WriteSupport<RouteRow> getWriteSupport(ParquetConfiguration conf) {
      return new RowWriteSupport(schema, updates);
    }
  }

  /** Emits a row field by field; field indexes follow {@link RouteSchema}'s order. */
  private static final class RowWriteSupport extends WriteSupport<RouteRow> {
    private final MessageType schema;
    private final boolean updates;
    private RecordConsumer rc;

    RowWriteSupport(MessageType schema, boolean updates) {
      this.schema = schema;
      this.updates = updates;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in parquet-hadoop 1.18 although deprecated
    public WriteContext init(Configuration configuration) {
      return init((ParquetConfiguration) null);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      Map<String, String> meta = new HashMap<>();
      meta.put("writer", "routemill");
      meta.put("routemill.table", updates ? "updates" : "routes");
      return new WriteContext(schema, meta);
    }

    @Override
    public String getName() {
      return "routemill";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      rc = recordConsumer;
    }

    @Override
    public void write(RouteRow r) {
      RecordConsumer c = rc;
      c.startMessage();
      int i = 0;
      longField("timestamp", i++, r.timestampMicros);
      binaryField("collector", i++, r.collector);
      binaryField("router", i++, r.router);
      binaryField("peer_address", i++, r.peerAddress);
      longField("peer_asn", i++, r.peerAsn);
      binaryField("peer_bgp_id", i++, r.peerBgpId);
      binaryField("view", i++, r.view);
      intField("afi", i++, r.afi);
      if (updates) binaryField("type", i++, r.type);
      binaryField("prefix", i++, r.prefix);
      binaryField("prefix_address", i++, r.prefixAddress);
      if (r.prefixLength >= 0) intField("prefix_length", i, r.prefixLength);
      i++;
      if (r.pathId >= 0) longField("path_id", i, r.pathId);
      i++;
      AttributeColumns a = r.attributes;
      if (a != null) {
        if (a.asPath != null) {
          longList("as_path", i, a.asPath);
          // only when as_path alone does not tell the structure: not exactly one AS_SEQUENCE (sets, confederations,
          // several segments, none); halves the AS path's share of the file for the usual path
          if (a.segmentTypes.length != 1 || a.segmentTypes[0] != AsPathSegment.AS_SEQUENCE) segments(i + 1, a);
        }
        i += 2;
        if (a.originAsn != null) longField("origin_asn", i, a.originAsn);
        i++;
        binaryField("origin", i++, a.origin);
        binaryField("next_hop", i++, a.nextHop(r.mpNextHop));
        if (a.localPref != null) longField("local_pref", i, a.localPref);
        i++;
        if (a.med != null) longField("med", i, a.med);
        i++;
        binaryList("communities", i++, a.communities);
        binaryList("large_communities", i++, a.largeCommunities);
        binaryList("ext_communities", i++, a.extCommunities);
        c.startField("atomic_aggregate", i);
        c.addBoolean(a.atomicAggregate);
        c.endField("atomic_aggregate", i++);
        binaryField("aggregator", i++, a.aggregator);
        if (a.otc != null) longField("otc", i, a.otc);
        i++;
        binaryList("unknown_attributes", i++, a.unknown);
      } else {
        i += 14;
      }
      if (updates) {
        if (r.oldState >= 0) intField("old_state", i, r.oldState);
        i++;
        if (r.newState >= 0) intField("new_state", i, r.newState);
        i++;
      }
      if (r.corrections != null) binaryList("corrections", i, r.corrections);
      c.endMessage();
    }

    private void longField(String name, int index, long v) {
      rc.startField(name, index);
      rc.addLong(v);
      rc.endField(name, index);
    }

    private void intField(String name, int index, int v) {
      rc.startField(name, index);
      rc.addInteger(v);
      rc.endField(name, index);
    }

    private void binaryField(String name, int index, Binary v) {
      if (v == null) return;
      rc.startField(name, index);
      rc.addBinary(v);
      rc.endField(name, index);
    }

    private void longList(String name, int index, long[] values) {
      rc.startField(name, index);
      rc.startGroup();
      if (values.length > 0) {
        rc.startField("list", 0);
        for (long v : values) {
          rc.startGroup();
          rc.startField("element", 0);
          rc.addLong(v);
          rc.endField("element", 0);
          rc.endGroup();
        }
        rc.endField("list", 0);
      }
      rc.endGroup();
      rc.endField(name, index);
    }

    private void binaryList(String name, int index, Binary[] values) {
      rc.startField(name, index);
      rc.startGroup();
      if (values.length > 0) {
        rc.startField("list", 0);
        for (Binary v : values) {
          rc.startGroup();
          rc.startField("element", 0);
          rc.addBinary(v);
          rc.endField("element", 0);
          rc.endGroup();
        }
        rc.endField("list", 0);
      }
      rc.endGroup();
      rc.endField(name, index);
    }

    private void segments(int index, AttributeColumns a) {
      String name = "as_path_segments";
      rc.startField(name, index);
      rc.startGroup();
      if (a.segmentTypes.length > 0) {
        rc.startField("list", 0);
        for (int s = 0; s < a.segmentTypes.length; s++) {
          rc.startGroup();
          rc.startField("element", 0);
          rc.startGroup();
          int t = a.segmentTypes[s];
          binaryField("type", 0, t >= 1 && t <= 4 ? AttributeColumns.SEGMENT_TYPES[t]
              : AttributeColumns.utf8(Integer.toString(t)));
          longList("asns", 1, a.segmentAsns[s]);
          rc.endGroup();
          rc.endField("element", 0);
          rc.endGroup();
        }
        rc.endField("list", 0);
      }
      rc.endGroup();
      rc.endField(name, index);
    }
  }
}
