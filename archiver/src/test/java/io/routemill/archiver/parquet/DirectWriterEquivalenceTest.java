package io.routemill.archiver.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.archiver.convert.ParquetConverter;
import io.routemill.collector.mrt.MrtSource;
import io.routemill.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct column writer ({@link RouteParquetWriter}) writes exactly the rows the previous record-assembly writer
 * ({@link LegacyRouteParquetWriter}) wrote for the same input: real RIB files (TABLE_DUMP, TABLE_DUMP_V2, ADD-PATH)
 * and update files (BGP4MP, BGP4MP_ET, STATE rows) converted as {@code routemill convert} does ({@link MrtSource}'s
 * events into a {@link ParquetConverter}) with the legacy writer teed in; DuckDB
 * compares the two files row by row (every column, nulls versus empty lists included, in file order), and their
 * schemas and key-value metadata.
 */
class DirectWriterEquivalenceTest {
  private static final List<String> FILES = List.of("bgpdump/bview.20020722.2337.gz",
      "bgpdump/bview.ipv4_unicast_add_path.gz", "bgpdump/bview.ipv6_unicast_add_path.gz",
      "bgpdump/bview.64k_stream_overflow.gz", "bgpdump/updates.20020722.2238.gz", "bgpdump/updates.20160811.1600.gz",
      "bgpdump/updates.et-header.2015.gz", "bgpdump/updates.long_withdrawal.gz", "bgpdump/updates.20070211.0141.gz");

  @Test
  void directWriterWritesTheSameRowsAsRecordAssembly(@TempDir Path out) throws Exception {
    List<Path> legacy = new ArrayList<>();
    Configuration conf = new Configuration();
    RouteParquetWriter.testTee = updates -> {
      Path file = out.resolve("legacy-" + legacy.size() + ".parquet");
      legacy.add(file);
      try {
        return new LegacyRouteParquetWriter(conf, new org.apache.hadoop.fs.Path(file.toUri()), updates);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      int n = 0;
      for (String name : FILES) {
        Path input = SharedData.file("mrt/" + name);
        Path direct = out.resolve("new-" + n++ + ".parquet");
        int before = legacy.size();
        try (ParquetConverter converter = new ParquetConverter(conf, new org.apache.hadoop.fs.Path(direct.toUri()),
            "rrc00")) {
          new MrtSource(input, "rrc00").read(converter, problem -> {});
        }
        assertEquals(before + 1, legacy.size(), name);
        Path old = legacy.get(before);
        long rows = count(db, "SELECT count(*) FROM read_parquet('" + old + "')");
        assertTrue(rows > 0, name);
        assertEquals(rows, count(db, "SELECT count(*) FROM read_parquet('" + direct + "')"), name + ": rows");
        // every column, and the row's position in the file
        String a = "SELECT * FROM read_parquet('" + old + "', file_row_number = true)";
        String b = "SELECT * FROM read_parquet('" + direct + "', file_row_number = true)";
        assertEquals(0, count(db, "SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")"), name + ": rows differ");
        assertEquals(0, count(db, "SELECT count(*) FROM (" + b + " EXCEPT ALL " + a + ")"), name + ": rows differ");
        // null lists and empty lists are different values: count them per list column
        for (String list : List.of("as_path", "as_path_segments", "communities", "large_communities",
            "ext_communities", "unknown_attributes", "corrections")) {
          String q = "SELECT count(*) FILTER (WHERE %1$s IS NULL) * 1000000 + count(*) FILTER (WHERE len(%1$s) = 0)"
              + " FROM read_parquet('%2$s')";
          assertEquals(count(db, q.formatted(list, old)), count(db, q.formatted(list, direct)), name + ": " + list);
        }
        assertEquals(strings(db, "SELECT name, type, repetition_type, converted_type FROM parquet_schema('" + old + "')"),
            strings(db, "SELECT name, type, repetition_type, converted_type FROM parquet_schema('" + direct + "')"),
            name + ": schema");
        assertEquals(strings(db, "SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + old + "') ORDER BY 1"),
            strings(db, "SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + direct + "') ORDER BY 1"),
            name + ": key-value metadata");
        assertEquals(strings(db, "SELECT path_in_schema, encodings, compression FROM parquet_metadata('" + old
            + "') WHERE row_group_id = 0 ORDER BY column_id"), strings(db, "SELECT path_in_schema, encodings,"
            + " compression FROM parquet_metadata('" + direct + "') WHERE row_group_id = 0 ORDER BY column_id"),
            name + ": column encodings");
        System.out.printf("%s: %,d rows equal; %,d bytes (direct) vs %,d (record assembly)%n", name, rows,
            Files.size(direct), Files.size(old));
      }
    } finally {
      RouteParquetWriter.testTee = null;
    }
  }

  /** Columns whose dictionaries overflow (unique peer addresses and ASNs) fall back to plain encoding alike. */
  @Test
  void dictionaryFallbackWritesTheSameRows(@TempDir Path out) throws Exception {
    Configuration conf = new Configuration();
    Path old = out.resolve("legacy.parquet");
    Path direct = out.resolve("direct.parquet");
    RouteParquetWriter.testTee = updates -> {
      try {
        return new LegacyRouteParquetWriter(conf, new org.apache.hadoop.fs.Path(old.toUri()), updates);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    try (RouteParquetWriter w = new RouteParquetWriter(conf, new org.apache.hadoop.fs.Path(direct.toUri()), true)) {
      RouteRow r = new RouteRow();
      r.collector = AttributeColumns.utf8("rm00");
      r.router = AttributeColumns.utf8("192.0.2.1");
      r.view = AttributeColumns.utf8("bgp");
      for (int i = 0; i < 300_000; i++) {
        r.clearRoute();
        r.timestampMicros = 1_700_000_000_000_000L + i;
        r.peerAddress = AttributeColumns.utf8("10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255));
        r.peerAsn = i % 3 == 0 ? 65000 : 4_200_000_000L + i;
        r.peerBgpId = i % 5 == 0 ? null : r.router;
        r.afi = 1;
        r.type = i % 7 == 0 ? RouteRow.STATE : RouteRow.WITHDRAW;
        if (r.type == RouteRow.STATE) {
          r.oldState = 1;
          r.newState = 6;
        } else {
          r.prefix = AttributeColumns.utf8("10." + (i >> 16) + "." + (i >> 8 & 255) + ".0/24");
          r.prefixAddress = Binary.fromConstantByteArray(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), 0});
          r.prefixLength = 24;
          r.pathId = i % 2 == 0 ? -1 : i;
        }
        w.write(r);
      }
    } finally {
      RouteParquetWriter.testTee = null;
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      String a = "SELECT * FROM read_parquet('" + old + "', file_row_number = true)";
      String b = "SELECT * FROM read_parquet('" + direct + "', file_row_number = true)";
      assertEquals(300_000, count(db, "SELECT count(*) FROM (" + b + ")"));
      assertEquals(0, count(db, "SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")"));
      assertEquals(0, count(db, "SELECT count(*) FROM (" + b + " EXCEPT ALL " + a + ")"));
      String encodings = "SELECT DISTINCT path_in_schema, encodings FROM parquet_metadata('%s') ORDER BY 1, 2";
      List<String> e = strings(db, encodings.formatted(direct));
      assertEquals(strings(db, encodings.formatted(old)), e);
      assertTrue(e.stream().anyMatch(l -> l.startsWith("peer_address|") && l.contains("PLAIN")), "fell back: " + e);
    }
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static List<String> strings(Connection db, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(r.getString(i)).append('|');
        out.add(b.toString());
      }
    }
    return out;
  }
}
