package io.routemill.archiver.archive;

import io.routemill.collector.query.RibView;

/** The {@code view} of a route in the archive: {@code bgp} for direct sessions, else the BMP view's label. */
final class TableViews {
  private TableViews() {}

  static String label(String source, RibView view) {
    return "bgp".equals(source) ? "bgp" : view.label();
  }
}
