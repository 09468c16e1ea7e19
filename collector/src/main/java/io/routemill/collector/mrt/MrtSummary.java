package io.routemill.collector.mrt;

import java.util.Locale;

/**
 * What {@link MrtSource#read} made of one MRT file.
 *
 * @param file the file as named by the caller
 * @param router the router name of the file's peers ({@link MrtSource} explains how it is chosen); null when the
 *     file held no record
 * @param records MRT records read (damaged ones included)
 * @param tableEntries {@link io.routemill.collector.event.RouteEvent.TableEntry} events (TABLE_DUMP and
 *     TABLE_DUMP_V2 unicast RIB entries)
 * @param updates UPDATE messages turned into events ({@code RouteUpdate}, End-of-RIB markers included)
 * @param stateChanges STATE_CHANGE records turned into events ({@code StateChange}, or {@code PeerDown} when the
 *     session left Established)
 * @param skipped records and RIB entries that gave no event: non-unicast RIB records, BGP messages other than
 *     UPDATE (OPEN, KEEPALIVE, NOTIFICATION, undecodable ones), unsupported or damaged records, RIB entries of
 *     an unknown peer
 * @param problems {@link io.routemill.wire.mrt.MrtProblem}s reported (remarks included)
 * @param peers distinct peer tables (router, peer address, view) that events are about
 * @param elapsedNanos how long reading took, consumers' time included
 */
public record MrtSummary(String file, String router, long records, long tableEntries, long updates,
    long stateChanges, long skipped, long problems, int peers, long elapsedNanos) {

  /** {@code "N table entries, M updates from P peers, K problems in T s"}. */
  public String describe() {
    return String.format(Locale.ROOT, "%,d table entries, %,d updates, %,d state changes from %,d peers, %,d problems"
        + " (%,d records, %,d skipped) in %.1f s", tableEntries, updates, stateChanges, peers, problems, records,
        skipped, elapsedNanos / 1e9);
  }
}
