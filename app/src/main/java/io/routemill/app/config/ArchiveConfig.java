package io.routemill.app.config;

import io.routemill.archiver.archive.ArchiveSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code archive:} — the MRT and Parquet archive. Archiving runs when the section is present (even empty:
 * {@code archive:} or {@code archive: {}}), unless {@code enabled: false}.
 *
 * <pre>
 * archive:
 *   uri: file:///var/lib/routemill/archive   # any Hadoop FileSystem URI, or a path; default ./data/archive
 *   collector: rm00                           # name in file names and the collector column
 *   updatesInterval: 5m                       # rotation of updates files: 30s, 5m, 1h, ...
 *   ribInterval: 8h                           # RIB dumps at 00/08/16 UTC
 *   views: [adj-in-pre, bgp]                  # bgp, adj-in-pre, adj-in-post, adj-out-pre, adj-out-post, loc-rib
 *   extendedTimestamps: true                  # BGP4MP_ET (microseconds); false: plain BGP4MP
 *   gzipLevel: 6                              # MRT deflate level, 1 (fastest) to 9
 *   enabled: true
 * </pre>
 *
 * <p>{@code views} is a list, a single name ({@code views: bgp}), or, as earlier versions read it, one
 * comma-separated string ({@code views: "adj-in-pre, bgp"}); repeated names count once.
 */
public record ArchiveConfig(boolean enabled, String uri, String collector, Duration updatesInterval,
    Duration ribInterval, List<String> views, boolean extendedTimestamps, int gzipLevel) {
  public static final ArchiveConfig DEFAULTS = new ArchiveConfig(false, "./data/archive", "rm00", Duration.ofMinutes(5),
      Duration.ofHours(8), ArchiveSettings.DEFAULT_VIEWS, true, ArchiveSettings.DEFAULT_GZIP_LEVEL);

  /** The rule of ArchiveSettings, checked here so that the message names the file and line. */
  private static final Conversion<String> COLLECTOR = Scalars.STRING.check(
      c -> c.matches("[A-Za-z0-9][A-Za-z0-9_.-]*"), c -> "'" + c + "' must be letters, digits, '.', '_', '-'");

  /** One item of {@code views}: a view name, or several separated by commas. */
  private static final Conversion<List<String>> VIEWS = v -> {
    if (!(v.raw() instanceof String s)) {
      throw v.error("must be a view name (" + String.join(", ", ArchiveSettings.KNOWN_VIEWS) + "), got "
          + Scalars.describe(v.raw()));
    }
    List<String> names = new ArrayList<>();
    for (String part : s.split(",")) {
      String t = part.trim();
      if (t.isEmpty()) continue;
      if (!ArchiveSettings.KNOWN_VIEWS.contains(t)) {
        throw v.error("unknown view '" + t + "'; known: " + String.join(", ", ArchiveSettings.KNOWN_VIEWS));
      }
      names.add(t);
    }
    return names;
  };

  public ArchiveConfig {
    views = List.copyOf(views);
  }

  static ArchiveConfig read(ConfigReader r) throws ConfigException {
    boolean enabled = r.bool("enabled", true) && r.present();
    String uri = r.string("uri", DEFAULTS.uri);
    String collector = r.value("collector", DEFAULTS.collector, COLLECTOR);
    Duration updates = r.value("updatesInterval", DEFAULTS.updatesInterval, Scalars.DURATION);
    Duration rib = r.value("ribInterval", DEFAULTS.ribInterval, Scalars.DURATION);
    Set<String> views = new LinkedHashSet<>();
    for (List<String> names : r.list("views", List.of(DEFAULTS.views), VIEWS)) views.addAll(names);
    boolean et = r.bool("extendedTimestamps", DEFAULTS.extendedTimestamps);
    int gzipLevel = r.integer("gzipLevel", DEFAULTS.gzipLevel, 1, 9);
    return new ArchiveConfig(enabled, uri, collector, updates, rib, List.copyOf(views), et, gzipLevel);
  }

  /** The archive root as a URI: a URI with a scheme as given, anything else a path (relative to the working dir). */
  public URI rootUri() {
    String u = uri == null ? DEFAULTS.uri : uri;
    if (u.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) return URI.create(u);
    return Path.of(u).toAbsolutePath().normalize().toUri();
  }

  public ArchiveSettings toSettings() {
    return new ArchiveSettings(rootUri(), collector, updatesInterval, ribInterval, views, extendedTimestamps,
        gzipLevel);
  }
}
