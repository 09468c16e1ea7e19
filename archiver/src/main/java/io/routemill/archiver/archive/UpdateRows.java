package io.routemill.archiver.archive;

import io.routemill.archiver.parquet.AttributeColumnsCache;
import io.routemill.archiver.parquet.CorrectionColumn;
import io.routemill.archiver.parquet.RouteParquetWriter;
import io.routemill.archiver.parquet.RouteRow;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.io.api.Binary;

/**
 * The {@code updates} rows of one UPDATE, in the order {@code bgpdump -m} prints its lines: withdrawals (IPv4
 * field, then MP_UNREACH_NLRI), then announcements (IPv4 NLRI with NEXT_HOP, then MP_REACH_NLRI with its next
 * hop). Families whose NLRI routemill does not decode give no rows; neither does End-of-RIB.
 */
public final class UpdateRows {
  private UpdateRows() {}

  /** Writes the rows (the session's fields of {@code r} already set); returns how many. */
  public static long write(Update update, RouteRow r, RouteParquetWriter out) throws IOException {
    return write(update, CorrectionColumn.of(0), r, out, new AttributeColumnsCache());
  }

  /**
   * As {@link #write(Update, RouteRow, RouteParquetWriter)}, the announcements carrying {@code corrections},
   * their attribute columns taken from {@code columns}.
   */
  public static long write(Update update, Binary[] corrections, RouteRow r, RouteParquetWriter out,
      AttributeColumnsCache columns) throws IOException {
    Attr15MpUnreach unreach = update.attributes().mpUnreach();
    Attr14MpReach reach = update.attributes().mpReach();
    long n = 0;
    r.type = RouteRow.WITHDRAW;
    r.attributes = null;
    r.corrections = null;
    n += routes(update.withdrawn(), r, out, false);
    if (unreach != null && unreach.family().isIpPrefixFamily()) n += routes(unreach.routes(), r, out, true);
    boolean mp = reach != null && reach.family().isIpPrefixFamily() && !reach.routes().isEmpty();
    if (update.announced().isEmpty() && !mp) return n;
    r.type = RouteRow.ANNOUNCE;
    r.attributes = columns.of(update);
    r.corrections = corrections;
    n += routes(update.announced(), r, out, false);
    if (mp) n += routes(reach.routes(), r, out, true);
    return n;
  }

  /** "a.b.c.d/n" or "x::/n" as ASCII bytes, without a String in between (one of these per row). */
  public static Binary prefixText(Prefix p) {
    StringBuilder sb = new StringBuilder(44);
    IpAddresses.append(sb, p.address(), 0, p.address().length);
    sb.append('/').append(p.length());
    byte[] ascii = new byte[sb.length()];
    for (int i = 0; i < ascii.length; i++) ascii[i] = (byte) sb.charAt(i);
    return Binary.fromConstantByteArray(ascii);
  }

  private static long routes(List<Route> routes, RouteRow r, RouteParquetWriter out, boolean mp) throws IOException {
    for (Route route : routes) {
      r.afi = route.prefix().afi();
      r.prefix = prefixText(route.prefix());
      r.prefixAddress = Binary.fromConstantByteArray(route.prefix().address());
      r.prefixLength = route.prefix().length();
      r.pathId = route.hasPathId() ? route.pathId() : -1;
      r.mpNextHop = mp;
      out.write(r);
    }
    return routes.size();
  }
}
