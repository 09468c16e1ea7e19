package io.routemill.archiver.archive;

import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;

/**
 * The {@code view} of a route in the archive: {@code bgp} for direct sessions, {@code mrt} for routes loaded from
 * MRT files, else the BMP view's label.
 */
public final class TableViews {
  private TableViews() {}

  public static String label(Source source, RibView view) {
    return switch (source) {
      case BGP -> "bgp";
      case MRT -> "mrt";
      case BMP -> view.label();
    };
  }
}
