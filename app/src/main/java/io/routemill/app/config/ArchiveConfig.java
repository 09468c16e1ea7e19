package io.routemill.app.config;

import io.routemill.archiver.archive.ArchiveSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code archive:} — the MRT and Parquet archive. Archiving runs when the section is present (even empty:
 * {@code archive: {}}), unless {@code enabled: false}.
 *
 * <pre>
 * archive:
 *   uri: file:///var/lib/routemill/archive   # any Hadoop FileSystem URI, or a path; default ./data/archive
 *   collector: rm00                           # name in file names and the collector column
 *   updatesInterval: 5m                       # rotation of updates files: 30s, 5m, 1h, ...
 *   ribInterval: 8h                           # RIB dumps at 00/08/16 UTC
 *   views: [adj-in-pre, bgp]                  # bgp, adj-in-pre, adj-in-post, adj-out-pre, adj-out-post, loc-rib
 *   extendedTimestamps: true                  # BGP4MP_ET (microseconds); false: plain BGP4MP
 *   enabled: true
 * </pre>
 *
 * <p>{@code views} may be a YAML list or a comma-separated string; ConfigReader has no list getter, so
 * {@link #prepare} turns a list into that string before the section is read.
 */
public record ArchiveConfig(boolean enabled, String uri, String collector, Duration updatesInterval,
    Duration ribInterval, List<String> views, boolean extendedTimestamps) {
  public static final ArchiveConfig DEFAULTS = new ArchiveConfig(false, "./data/archive", "rm00", Duration.ofMinutes(5),
      Duration.ofHours(8), ArchiveSettings.DEFAULT_VIEWS, true);

  public ArchiveConfig {
    views = List.copyOf(views);
  }

  static ArchiveConfig read(ConfigReader r) throws ConfigException {
    boolean enabled = r.bool("enabled", true);
    String uri = r.string("uri", "./data/archive");
    String collector = r.string("collector", DEFAULTS.collector);
    if (!collector.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new ConfigException("archive.collector: '" + collector + "' must be letters, digits, '.', '_', '-'");
    }
    Duration updates = duration(r, "updatesInterval", "5m");
    Duration rib = duration(r, "ribInterval", "8h");
    String viewText = r.string("views", String.join(",", DEFAULTS.views));
    List<String> views = new ArrayList<>();
    for (String v : viewText.split(",")) {
      String t = v.trim();
      if (t.isEmpty()) continue;
      if (!ArchiveSettings.KNOWN_VIEWS.contains(t)) {
        throw new ConfigException("archive.views: unknown view '" + t + "'; known: "
            + String.join(", ", ArchiveSettings.KNOWN_VIEWS));
      }
      if (!views.contains(t)) views.add(t);
    }
    boolean et = r.bool("extendedTimestamps", true);
    return new ArchiveConfig(enabled, uri, collector, updates, rib, views, et);
  }

  private static Duration duration(ConfigReader r, String key, String def) throws ConfigException {
    String text = r.string(key, def);
    try {
      return ArchiveSettings.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("archive." + key + ": " + e.getMessage());
    }
  }

  /**
   * Before the sections are read: turns a YAML list under {@code archive.views} into a comma-separated string
   * (checking its items are strings) and tells whether any source has an {@code archive:} section.
   */
  static boolean prepare(List<ConfigReader.Source> sources) throws ConfigException {
    boolean present = false;
    for (ConfigReader.Source s : sources) {
      Map<String, Object> root = s.root();
      if (root == null || !root.containsKey("archive")) continue;
      present = true;
      if (!(root.get("archive") instanceof Map<?, ?> section)) continue; // the reader reports the type error
      if (section.get("views") instanceof List<?> list) {
        List<String> names = new ArrayList<>();
        for (Object o : list) {
          if (!(o instanceof String str)) {
            throw new ConfigException(s.where("archive.views") + ": archive.views: items must be view names, got "
                + ConfigReader.describe(o));
          }
          names.add(str);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) section;
        m.put("views", names.isEmpty() ? "," : String.join(",", names));
      }
    }
    return present;
  }

  ArchiveConfig withPresence(boolean present) {
    return new ArchiveConfig(present && enabled, uri, collector, updatesInterval, ribInterval, views,
        extendedTimestamps);
  }

  /** The archive root as a URI: a URI with a scheme as given, anything else a path (relative to the working dir). */
  public URI rootUri() {
    String u = uri == null ? "./data/archive" : uri;
    if (u.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) return URI.create(u);
    return Path.of(u).toAbsolutePath().normalize().toUri();
  }

  public ArchiveSettings toSettings() {
    return new ArchiveSettings(rootUri(), collector, updatesInterval, ribInterval, views, extendedTimestamps);
  }
}
