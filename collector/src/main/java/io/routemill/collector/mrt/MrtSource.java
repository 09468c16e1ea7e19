package io.routemill.collector.mrt;

import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.rib.Source;
import io.routemill.wire.mrt.MrtDecoder;
import io.routemill.wire.mrt.MrtMessage;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;
import io.routemill.wire.mrt.MrtProblem;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.mrt.MrtRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One MRT file (RFC 6396, RFC 8050; gzip, bzip2 or plain, recognised by their magic bytes) as the typed events the
 * BMP station and the BGP speaker produce, handed to a sink in file order. Records stream through a reused buffer:
 * memory does not depend on the file's size. Problems (damaged or unsupported records) go to a problem sink and
 * reading goes on wherever MRT's length framing allows, as {@code routemill mrt dump} does.
 *
 * <p>Every peer identity is built once per file and is {@link Source#MRT}, with no distinguisher, in view
 * {@code adj-in-pre} (but see _LOCAL below):
 * <ul>
 *   <li>a {@link RouteEvent.RouterUp} (sysName the file name) comes first, before the first record's events;
 *   <li>TABLE_DUMP_V2 PEER_INDEX_TABLE: one identity per peer index (its address, AS, BGP identifier; 4-octet AS;
 *       no local address); RIB_IPV4_UNICAST / RIB_IPV6_UNICAST (and the RFC 8050 _ADDPATH subtypes, and
 *       RIB_GENERIC of those families): a {@link RouteEvent.TableEntry} per entry (header time, prefix, path id or
 *       {@code NO_PATH_ID}, attributes, originated time). Multicast RIB records are skipped (counted);
 *   <li>TABLE_DUMP: a TableEntry, one identity per (peer address, peer AS), 2-octet AS, BGP identifier unknown;
 *   <li>BGP4MP / BGP4MP_ET MESSAGE* and the deprecated BGP type 5 records with an UPDATE: a
 *       {@link RouteEvent.RouteUpdate} (raw bytes as in the file, {@code addPath} as decoded,
 *       {@code add-path-flipped} when the decoder had to read it with the ADD-PATH setting opposite to its
 *       subtype's, as for BIRD's files), or {@link RouteEvent.EndOfRib}; one identity per (peer and local address
 *       and AS, 4-octet AS). The *_LOCAL subtypes (messages the collector sent) go to view {@code adj-out-post}.
 *       Other BGP messages are skipped (counted);
 *   <li>STATE_CHANGE(_AS4) and the deprecated BGP STATE_CHANGE: see {@link MrtStates} (6 → other is a Peer Down).
 * </ul>
 *
 * <p><b>Router name</b>: the one passed to the constructor ({@code run --load-as NAME}); otherwise derived once per
 * file from its first record: when that is a PEER_INDEX_TABLE (TABLE_DUMP_V2 files), the collector's BGP
 * identifier as a dotted quad, plus {@code /VIEW} when the table's view name is not empty
 * ({@code 192.0.2.1/master}); for every other file the file name without its directory, without
 * {@code .gz}/{@code .bz2}/{@code .mrt} and without trailing dot-separated parts that start with a digit (RIS and
 * RouteViews dates and times), so successive files of one collector share their tables:
 * {@code updates.20160811.1600.gz} → {@code updates}, {@code route-views.jinx.updates.1427846400.bz2} →
 * {@code route-views.jinx.updates}, {@code bird6_bgp} → {@code bird6_bgp}.
 *
 * <p>One source reads one file; {@link #read} may be called again (it starts over). Reading stops with an
 * {@link InterruptedIOException} when the reading thread is interrupted.
 */
public final class MrtSource {
  private final Path file;
  private final String router;

  /** A source whose router name is derived from the file (see the class comment). */
  public MrtSource(Path file) {
    this(file, null);
  }

  /** A source whose peers belong to {@code router}, or to the derived name when it is null or blank. */
  public MrtSource(Path file, String router) {
    this.file = Objects.requireNonNull(file, "file");
    this.router = router == null || router.isBlank() ? null : router;
  }

  public Path file() {
    return file;
  }

  /**
   * Reads the file, handing every event to {@code events} and every problem to {@code problems}.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   * @throws IOException when the file cannot be opened (a read failure later is a problem, and ends the file)
   */
  public MrtSummary read(Consumer<? super RouteEvent> events, Consumer<? super MrtProblem> problems)
      throws IOException {
    long start = System.nanoTime();
    String name = file.toString();
    long[] problemCount = {0};
    Consumer<MrtProblem> counted = p -> {
      problemCount[0]++;
      problems.accept(p);
    };
    MrtEvents mapper = null;
    String chosen = null;
    long records = 0;
    try (MrtReader reader = new MrtReader(MrtFiles.open(file), name, counted)) {
      MrtDecoder decoder = new MrtDecoder(name, counted);
      MrtRecord record;
      while ((record = reader.next()) != null) {
        records++;
        MrtMessage m = decoder.decode(record);
        if (mapper == null) {
          chosen = router != null ? router : routerName(m);
          mapper = new MrtEvents(name, chosen, counted);
          events.accept(new RouteEvent.RouterUp(chosen, Source.MRT, MrtEvents.micros(m.header()),
              file.getFileName().toString(), "MRT file " + name, List.of()));
        }
        mapper.map(m, events);
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException(name + ": reading interrupted at byte " + reader.position());
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    if (mapper == null) return new MrtSummary(name, null, 0, 0, 0, 0, 0, problemCount[0], 0, elapsed);
    return new MrtSummary(name, chosen, records, mapper.tableEntries, mapper.updates, mapper.stateChanges,
        mapper.skipped, problemCount[0], mapper.peers(), elapsed);
  }

  private String routerName(MrtMessage first) {
    return first instanceof PeerIndexTable p ? routerName(p) : routerName(file.getFileName().toString());
  }

  /** The derived router name of a TABLE_DUMP_V2 file with this PEER_INDEX_TABLE. */
  public static String routerName(PeerIndexTable table) {
    return RouterNames.of(table);
  }

  /** The derived router name of any other file with this name. */
  public static String routerName(String fileName) {
    return RouterNames.ofFileName(fileName);
  }
}
