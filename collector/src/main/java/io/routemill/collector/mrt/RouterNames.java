package io.routemill.collector.mrt;

import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;

/** The router name of an MRT file's peers when the caller gives none; {@link MrtSource} states the rule. */
final class RouterNames {
  private RouterNames() {}

  /** The collector's BGP identifier, dotted quad, plus {@code /VIEW} when the table names a view. */
  static String of(PeerIndexTable table) {
    String id = IpAddresses.format(table.collectorId());
    return table.viewName().isEmpty() ? id : id + "/" + table.viewName();
  }

  /**
   * The file name without its directory, without trailing {@code .gz}, {@code .bz2}, {@code .mrt} and without
   * trailing dot-separated parts that start with a digit (dates, times, epoch seconds:
   * {@code updates.20160811.1600.gz} → {@code updates}, {@code rib.20140523.0600_firstMB.bz2} → {@code rib},
   * {@code route-views.jinx.updates.1427846400.bz2} → {@code route-views.jinx.updates}). The first part always stays
   * ({@code 20160811.1600.gz} → {@code 20160811}).
   */
  static String ofFileName(String fileName) {
    String name = fileName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (slash >= 0) name = name.substring(slash + 1);
    String stem = name;
    while (true) {
      String shorter = stem.replaceFirst("(?i)\\.(gz|bz2|mrt)$", "");
      if (shorter.equals(stem)) break;
      stem = shorter;
    }
    String stripped = stem;
    int dot;
    while ((dot = stripped.lastIndexOf('.')) > 0 && dot + 1 < stripped.length()
        && Character.isDigit(stripped.charAt(dot + 1))) {
      stripped = stripped.substring(0, dot);
    }
    return stripped.isEmpty() ? name : stripped;
  }
}
