package io.routemill.archiver.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.event.PeerIdentity;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.mrt.MrtSource;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import io.routemill.wire.mrt.MrtType;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetConverter}: the rows of {@link MrtSource}'s events for hand-laid MRT records of each kind, read back
 * with DuckDB. (Real files: ConvertCommandTest and DirectWriterEquivalenceTest.)
 */
class ParquetConverterTest {
  private static final long T = 1_600_000_000L;
  private static final String ATTRS_AS4 = "40010100" + "40020a0202" + "0000fde8" + "0000fde9" + "400304c0000201";
  private static final String ATTRS_AS2 = "40010100" + "4002060202" + "fde8" + "fde9" + "400304c0000201";
  /** An abbreviated MP_REACH_NLRI (RFC 6396 §4.3.4) with the IPv4 next hop 203.0.113.9. */
  private static final String MP_NEXT_HOP = "800e0504cb007109";
  /** A full MP_REACH_NLRI for IPv4 unicast with the next hop 203.0.113.9 and no NLRI. */
  private static final String MP_REACH_IPV4 = "800e09" + "0001" + "01" + "04" + "cb007109" + "00";
  private static final String PEER4 = "c6336401";
  private static final String LOCAL4 = "c6336402";

  @TempDir
  Path dir;

  private static String u16(int v) {
    return String.format("%04x", v);
  }

  private static String u32(long v) {
    return String.format("%08x", v);
  }

  private static final class Records {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Records add(long time, int type, int subtype, String body) {
      out.writeBytes(HexFormat.of().parseHex(u32(time) + u16(type) + u16(subtype) + u32(body.length() / 2) + body));
      return this;
    }
  }

  private static String update(String withdrawn, String attributes, String nlri) {
    int length = 23 + withdrawn.length() / 2 + attributes.length() / 2 + nlri.length() / 2;
    return "ffffffffffffffffffffffffffffffff" + u16(length) + "02" + u16(withdrawn.length() / 2) + withdrawn
        + u16(attributes.length() / 2) + attributes + nlri;
  }

  private static String session(String tail) {
    return "0000fde8" + "0000fde9" + "0000" + "0001" + PEER4 + LOCAL4 + tail;
  }

  private static String entry(int peer, String attrs) {
    return u16(peer) + u32(T - 60) + u16(attrs.length() / 2) + attrs;
  }

  private Path convert(Records r, String name) throws Exception {
    Path mrt = Files.write(dir.resolve(name), r.out.toByteArray());
    Path parquet = dir.resolve(name + ".parquet");
    try (ParquetConverter c = new ParquetConverter(new Configuration(), new org.apache.hadoop.fs.Path(parquet.toUri()),
        "rrc00")) {
      new MrtSource(mrt).read(c, p -> {});
    }
    return parquet;
  }

  private static List<String> rows(Path parquet, String columns) throws Exception {
    return query("SELECT " + columns + " FROM read_parquet('" + parquet + "')");
  }

  private static List<String> query(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(r.getString(i));
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void ribEntriesAreRouteRows() throws Exception {
    String pit = "c00002fe" + "0000" + "0001" + "02" + "0a000001" + PEER4 + "0000fde8";
    Records r = new Records()
        .add(T, MrtType.TABLE_DUMP_V2, MrtType.PEER_INDEX_TABLE, pit)
        .add(T, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV4_UNICAST, "00000000" + "180a0001" + "0001"
            + entry(0, ATTRS_AS4 + MP_NEXT_HOP))
        .add(T, MrtType.TABLE_DUMP_V2, MrtType.RIB_IPV4_UNICAST_ADDPATH, "00000001" + "180a0002" + "0001"
            + u16(0) + u32(T - 60) + u32(9) + u16(ATTRS_AS4.length() / 2) + ATTRS_AS4)
        // a BGP4MP record in a RIB file: not a route, ignored
        .add(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, session(update("", ATTRS_AS4, "180a0003")));
    Path parquet = convert(r, "rib.20200913.1200");
    assertEquals(List.of(
        "1599999940000000|rrc00|rrc00|198.51.100.1|65000|10.0.0.1|bgp|1|10.0.1.0/24|null|[65000, 65001]|203.0.113.9|[]",
        "1599999940000000|rrc00|rrc00|198.51.100.1|65000|10.0.0.1|bgp|1|10.0.2.0/24|9|[65000, 65001]|192.0.2.1|[]"),
        rows(parquet, "epoch_us(timestamp), collector, router, peer_address, peer_asn, peer_bgp_id, view, afi,"
            + " prefix, path_id, as_path, next_hop, corrections"));
  }

  @Test
  void legacyTableDumpIpv4EntriesUseNextHop() throws Exception {
    String body = "0000" + "0000" + "0a000100" + "18" + "01" + u32(T - 60) + PEER4 + "fde8"
        + u16((ATTRS_AS2 + MP_REACH_IPV4).length() / 2) + ATTRS_AS2 + MP_REACH_IPV4;
    Path parquet = convert(new Records().add(T, MrtType.TABLE_DUMP, 1, body), "bview");
    assertEquals(List.of("198.51.100.1|65000|null|10.0.1.0/24|[65000, 65001]|192.0.2.1|[]"),
        rows(parquet, "peer_address, peer_asn, peer_bgp_id, prefix, as_path, next_hop, corrections"));
  }

  @Test
  void updatesAndStateChangesAreUpdateRows() throws Exception {
    Records r = new Records()
        .add(T, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, session(update("180a0009", ATTRS_AS4, "180a0001")))
        // BIRD: path ids where the subtype says there are none
        .add(T + 1, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, session(update("", ATTRS_AS4, "00000064180a0003")))
        .add(T + 2, MrtType.BGP4MP, MrtType.BGP4MP_MESSAGE_AS4, session(update("", "", ""))) // End-of-RIB
        .add(T + 3, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE_AS4, session("0001" + "0002"))
        .add(T + 4, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE_AS4, session("0006" + "0003"))
        .add(T + 5, MrtType.BGP4MP, MrtType.BGP4MP_STATE_CHANGE_AS4, session("0006" + "0001"));
    Path parquet = convert(r, "updates.20200913.1200");
    assertEquals(List.of(
        "1600000000000000|W|10.0.9.0/24|null|null|null|null|null",
        "1600000000000000|A|10.0.1.0/24|null|[65000, 65001]|null|null|[]",
        "1600000001000000|A|10.0.3.0/24|100|[65000, 65001]|null|null|[add-path-flipped]",
        "1600000003000000|STATE|null|null|null|1|2|null",
        "1600000004000000|STATE|null|null|null|6|3|null",
        "1600000005000000|STATE|null|null|null|6|1|null"),
        rows(parquet, "epoch_us(timestamp), type, prefix, path_id, as_path, old_state, new_state, corrections"));
    assertEquals(List.of("rrc00|rrc00|bgp|198.51.100.1|65000|null|1"),
        rows(parquet, "DISTINCT collector, router, view, peer_address, peer_asn, peer_bgp_id, afi"));
  }

  @Test
  void peerEventsOfOtherSources() throws Exception {
    PeerIdentity p = PeerIdentity.of("192.0.2.7", Source.BMP, new byte[] {(byte) 198, 51, 100, 1}, 65000,
        new byte[] {10, 0, 0, 1}, 0, RibView.ADJ_IN_PRE, null, 0, true);
    Path parquet = dir.resolve("events.parquet");
    ParquetConverter c = new ParquetConverter(new Configuration(), new org.apache.hadoop.fs.Path(parquet.toUri()),
        "rm00");
    c.accept(new RouteEvent.RouterUp("192.0.2.7", Source.BMP, 1, "r", "d", List.of()));
    c.accept(new RouteEvent.PeerDown(p, 2, RouteEvent.DownReason.LOCAL_NOTIFICATION, Optional.empty(), "hold timer",
        false, 1));
    c.accept(new RouteEvent.PeerUp(p, 3, null, null, null, 5));
    c.close();
    assertFalse(c.routes());
    assertEquals(2, c.rows());
    assertEquals(List.of("2|STATE|6|1|10.0.0.1", "3|STATE|5|6|10.0.0.1"),
        rows(parquet, "epoch_us(timestamp), type, old_state, new_state, peer_bgp_id"));
  }

  @Test
  void withoutEventsTheFileIsAnEmptyUpdatesTable() throws Exception {
    Path parquet = convert(new Records(), "empty");
    assertTrue(Files.size(parquet) > 0);
    assertEquals(List.of("0"), rows(parquet, "count(*)"));
    assertEquals(List.of("updates"), query("SELECT decode(value) FROM parquet_kv_metadata('" + parquet
        + "') WHERE decode(key) = 'routemill.table'"));
  }
}
