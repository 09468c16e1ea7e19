package io.routemill.archiver.archive;

import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Source;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the archiver writes and where.
 *
 * @param root the archive root, any Hadoop FileSystem URI ({@code file:///var/lib/routemill/archive},
 *     {@code hdfs://nn/routemill}, {@code s3a://bucket/routemill} with the matching Hadoop jars)
 * @param collector the collector's name in file names and the Parquet {@code collector} column (RIS: rrc00)
 * @param updatesInterval rotation interval of the updates files, aligned to the epoch (5 min: :00, :05, ...)
 * @param ribInterval interval of the RIB dumps, aligned to the epoch (8 h: 00:00, 08:00, 16:00 UTC)
 * @param views archived views: {@code bgp} (direct BGP sessions) and BMP view labels ({@code adj-in-pre},
 *     {@code adj-in-post}, {@code adj-out-pre}, {@code adj-out-post}, {@code loc-rib})
 * @param extendedTimestamps BGP4MP_ET (microsecond timestamps, the default) or plain BGP4MP
 * @param gzipLevel deflate level of the MRT files, 1 (fastest: about a third of level 6's CPU, files a third
 *     larger) to 9; default {@value #DEFAULT_GZIP_LEVEL}, gzip's own default
 */
public record ArchiveSettings(URI root, String collector, Duration updatesInterval, Duration ribInterval,
    List<String> views, boolean extendedTimestamps, int gzipLevel) {
  public static final int DEFAULT_GZIP_LEVEL = 6;
  public static final List<String> KNOWN_VIEWS =
      List.of("bgp", "adj-in-pre", "adj-in-post", "adj-out-pre", "adj-out-post", "loc-rib", "mrt");
  public static final List<String> DEFAULT_VIEWS = List.of("adj-in-pre", "bgp");

  /** With the default gzip level. */
  public ArchiveSettings(URI root, String collector, Duration updatesInterval, Duration ribInterval,
      List<String> views, boolean extendedTimestamps) {
    this(root, collector, updatesInterval, ribInterval, views, extendedTimestamps, DEFAULT_GZIP_LEVEL);
  }

  public ArchiveSettings {
    Objects.requireNonNull(root, "root");
    if (gzipLevel < 1 || gzipLevel > 9) throw new IllegalArgumentException("gzip level " + gzipLevel + ": 1 to 9");
    Objects.requireNonNull(collector, "collector");
    if (!collector.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("collector name '" + collector + "': letters, digits, '.', '_', '-' only");
    }
    if (updatesInterval.toSeconds() < 1 || ribInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("intervals must be at least one second");
    }
    views = List.copyOf(views);
    for (String v : views) {
      if (!KNOWN_VIEWS.contains(v)) throw new IllegalArgumentException("unknown view '" + v + "'; known: " + KNOWN_VIEWS);
    }
  }

  /** {@code ./data/archive} under the working directory, the default root. */
  public static URI defaultRoot() {
    return Path.of("data", "archive").toAbsolutePath().normalize().toUri();
  }

  public static ArchiveSettings defaults() {
    return new ArchiveSettings(defaultRoot(), "rm00", Duration.ofMinutes(5), Duration.ofHours(8), DEFAULT_VIEWS, true);
  }

  /** Parses {@code 30s}, {@code 5m}, {@code 8h}, {@code 1d} (also {@code 500ms} is refused: whole seconds). */
  public static Duration parseDuration(String text) {
    String t = text.trim();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})\\s*([smhd])").matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 5m, 8h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.isZero()) throw new IllegalArgumentException("'" + text + "': a duration must be positive");
    return d;
  }

  /** Whether routes of this source and view are archived ({@link TableViews#label} is in {@code views}). */
  public boolean archives(Source source, RibView view) {
    return views.contains(TableViews.label(source, view));
  }
}
