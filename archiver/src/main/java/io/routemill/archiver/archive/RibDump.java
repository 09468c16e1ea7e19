package io.routemill.archiver.archive;

import io.routemill.wire.mrt.MrtType;
import io.routemill.archiver.parquet.AttributeColumns;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.archiver.parquet.RouteRow;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.archiver.parquet.CorrectionColumn;
import io.routemill.collector.rib.Correction;
import io.routemill.collector.rib.CanonicalAttributes;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.collector.rib.TableKey;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.io.api.Binary;

/** Writes a {@link RibSnapshot} as a TABLE_DUMP_V2 file and as rows of the Parquet {@code routes} table. */
final class RibDump {
  private RibDump() {}

  /**
   * PEER_INDEX_TABLE (peer index = the table's position in the snapshot), then one RIB_IPV4_UNICAST /
   * RIB_IPV6_UNICAST record per prefix with every table's path, or, for tables with ADD-PATH path ids, a
   * second record of the RFC 8050 _ADDPATH subtype. Returns the number of RIB entries written.
   */
  static long writeMrt(RibSnapshot s, OutputStream out, String viewName, long dumpSeconds) throws IOException {
    MrtRecords r = new MrtRecords();
    int at = r.header(dumpSeconds, MrtType.TABLE_DUMP_V2, MrtType.PEER_INDEX_TABLE, 0);
    byte[] view = viewName.getBytes(StandardCharsets.UTF_8);
    r.u32(0).u16(view.length).bytes(view).u16(s.tables.size());
    byte[][] addresses = new byte[s.tables.size()][];
    for (int i = 0; i < s.tables.size(); i++) {
      RibSnapshot.Table t = s.tables.get(i);
      byte[] address = MrtRecords.address(t.key.peerAddress(), 4);
      addresses[i] = address;
      byte[] id = t.peerBgpId;
      r.u8((address.length == 16 ? 1 : 0) | 2).bytes(id.length != 4 ? new byte[4] : id).bytes(address)
          .u32(t.peerAsn);
    }
    r.finish(at);
    out.write(r.buf, 0, r.n);
    if (s.tables.size() > 0xFFFF) throw new IOException("more than 65,535 peers in one PEER_INDEX_TABLE");
    long[] sequence = {0};
    long[] entries = {0};
    for (boolean v6 : new boolean[] {false, true}) {
      s.merge(v6, null, null, (ipv6, high, low, length, tableIndex, position, count) -> {
        for (int pass = 0; pass < 2; pass++) {
          boolean addPath = pass == 1;
          int c = 0;
          for (int i = 0; i < count; i++) {
            if (s.tables.get(tableIndex[i]).family(ipv6).pids != null == addPath) c++;
          }
          if (c == 0) continue;
          r.reset();
          int subtype = ipv6 ? (addPath ? MrtType.RIB_IPV6_UNICAST_ADDPATH : MrtType.RIB_IPV6_UNICAST)
              : (addPath ? MrtType.RIB_IPV4_UNICAST_ADDPATH : MrtType.RIB_IPV4_UNICAST);
          int h = r.header(dumpSeconds, MrtType.TABLE_DUMP_V2, subtype, 0);
          r.u32(sequence[0]++ & 0xFFFFFFFFL).u8(length);
          prefixBytes(r, ipv6, high, low, length);
          r.u16(c);
          for (int i = 0; i < count; i++) {
            RibSnapshot.Family f = s.tables.get(tableIndex[i]).family(ipv6);
            if (f.pids != null != addPath) continue;
            int p = position[i];
            r.u16(tableIndex[i]).u32(f.time[p] & 0xFFFFFFFFL);
            if (addPath) r.u32(f.pathId(p));
            byte[] attrs = s.attributes(f.attr[p]);
            r.u16(attrs.length).bytes(attrs);
          }
          r.finish(h);
          out.write(r.buf, 0, r.n);
          entries[0] += c;
        }
      });
    }
    return entries[0];
  }

  private static void prefixBytes(MrtRecords r, boolean v6, long high, long low, int length) {
    int bytes = (length + 7) / 8;
    for (int i = 0; i < bytes; i++) {
      long v = v6 ? (i < 8 ? high >>> (56 - 8 * i) : low >>> (56 - 8 * (i - 8))) : high >>> (24 - 8 * i);
      r.u8((int) v & 0xFF);
    }
  }

  /** Per-table column values shared by all its rows. */
  record TableColumns(Binary router, Binary peerAddress, Binary peerBgpId, Binary view, long peerAsn) {}

  /** The per-table columns of a snapshot's tables, in table order. */
  static List<TableColumns> columns(RibSnapshot s) {
    List<TableColumns> out = new java.util.ArrayList<>(s.tables.size());
    for (RibSnapshot.Table t : s.tables) {
      TableKey k = t.key;
      out.add(new TableColumns(Binary.fromString(k.router()), Binary.fromString(k.peerAddress()),
          t.peerBgpId.length == 4 ? Binary.fromString(IpAddresses.format(t.peerBgpId)) : null,
          Binary.fromString(TableViews.label(k.source(), k.rib())), t.peerAsn));
    }
    return out;
  }

  /**
   * Writes the rows of prefixes in [from, to) of one family (bounds as in {@link RibSnapshot#merge}) to
   * {@code writer}; returns the number of rows.
   */
  static long writeParquet(RibSnapshot s, RouteParquetWriter writer, List<TableColumns> columns, Binary collector,
      boolean ipv6, long[] from, long[] to, Int2ObjectOpenHashMap<AttributeColumns> cache) throws IOException {
    RouteRow row = new RouteRow();
    row.collector = collector;
    row.afi = ipv6 ? AfiSafi.AFI_IPV6 : AfiSafi.AFI_IPV4;
    row.mpNextHop = true; // RFC 6396 §4.3.4: the abbreviated MP_REACH_NLRI's next hop when there is one
    long[] rows = {0};
    PrefixText text = new PrefixText();
    s.merge(ipv6, from, to, (v6, high, low, length, tableIndex, position, count) -> {
      row.prefix = text.format(v6, high, low, length);
      row.prefixAddress = Binary.fromConstantByteArray(text.address.clone());
      row.prefixLength = length;
      for (int i = 0; i < count; i++) {
        TableColumns tc = columns.get(tableIndex[i]);
        RibSnapshot.Family f = s.tables.get(tableIndex[i]).family(v6);
        int p = position[i];
        row.router = tc.router();
        row.peerAddress = tc.peerAddress();
        row.peerBgpId = tc.peerBgpId();
        row.view = tc.view();
        row.peerAsn = tc.peerAsn();
        row.timestampMicros = (f.time[p] & 0xFFFFFFFFL) * 1_000_000L;
        row.pathId = f.pids == null ? -1 : f.pathId(p);
        int id = f.attr[p];
        AttributeColumns a = cache.get(id);
        if (a == null) {
          a = AttributeColumns.of(CanonicalAttributes.decode(s.attributes(id)));
          cache.put(id, a);
        }
        row.attributes = a;
        row.corrections = CorrectionColumn.of(f.corrections(p) | (a.lacksNextHop() ? Correction.MISSING_NEXT_HOP_KEPT.bit() : 0));
        writer.write(row);
        rows[0]++;
      }
    });
    return rows[0];
  }

  /** Formats prefixes into bytes without building Strings. */
  static final class PrefixText {
    final byte[] out = new byte[64];
    byte[] address;
    private final byte[] v4 = new byte[4];
    private final byte[] v6 = new byte[16];

    Binary format(boolean ipv6, long high, long low, int length) {
      int n;
      if (!ipv6) {
        for (int i = 0; i < 4; i++) v4[i] = (byte) (high >>> (24 - 8 * i));
        address = v4;
        n = 0;
        for (int i = 0; i < 4; i++) {
          if (i > 0) out[n++] = '.';
          n = decimal(v4[i] & 0xFF, n);
        }
      } else {
        for (int i = 0; i < 8; i++) {
          v6[i] = (byte) (high >>> (56 - 8 * i));
          v6[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        address = v6;
        byte[] t = io.routemill.wire.bgp.IpAddresses.format(v6).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, out, 0, t.length);
        n = t.length;
      }
      out[n++] = '/';
      n = decimal(length, n);
      return Binary.fromConstantByteArray(java.util.Arrays.copyOf(out, n));
    }

    private int decimal(int v, int n) {
      if (v >= 100) out[n++] = (byte) ('0' + v / 100);
      if (v >= 10) out[n++] = (byte) ('0' + v / 10 % 10);
      out[n++] = (byte) ('0' + v % 10);
      return n;
    }
  }
}
