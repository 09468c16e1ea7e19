package io.routemill.collector.rib;

import io.routemill.wire.bgp.Prefix;
import java.util.List;

/**
 * Told which prefixes of which table changed, so a consumer can revalidate or re-examine just those (RPKI
 * revalidation, detectors, the live stream). Called on the writing thread right after each change became visible
 * to queries, with the table's writer mutex held: copy what you need and return; never call back into the table.
 */
public interface RibChangeListener {
  /** Paths of these prefixes were announced, replaced or withdrawn in {@code table} (each prefix listed once). */
  void prefixesChanged(TableKey table, List<Prefix> prefixes);

  /** Every route of {@code table} was removed (peer down, router gone). */
  default void tableDropped(TableKey table) {}
}
