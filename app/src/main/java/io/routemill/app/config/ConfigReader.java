package io.routemill.app.config;

import io.routemill.app.config.Conversion.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one section of the configuration from every source at once (defaults are the getters' arguments,
 * then the YAML file, then the command line; later sources win, a list as a whole). Every value given in
 * any source is converted, even one a later source overrides, so a broken file is reported rather than
 * half-used. Each getter records its key as known; {@link #finish} then rejects any other key, so a typo
 * never goes unnoticed. A section in a list ({@code bgp.neighbors[1]}) gets a reader of its own, so these
 * rules hold at every depth.
 */
public final class ConfigReader {

  /** Reads a section's record from its reader. */
  @FunctionalInterface
  public interface SectionReader<T> {
    T read(ConfigReader reader) throws ConfigException;
  }

  /** One source's mapping for this section; null when the source has the section with no value ({@code bmp:}). */
  private record Level(ConfigSource source, Map<String, Object> map) {
    boolean has(String key) {
      return map != null && map.containsKey(key);
    }
  }

  private final List<Level> levels;
  private final String path;
  private final Set<String> known = new LinkedHashSet<>();

  private ConfigReader(List<Level> levels, String path) {
    this.levels = levels;
    this.path = path;
  }

  static ConfigReader of(List<ConfigSource> sources) {
    List<Level> levels = new ArrayList<>();
    for (ConfigSource s : sources) levels.add(new Level(s, s.root()));
    return new ConfigReader(levels, "");
  }

  /** Whether any source has this section, even empty ({@code archive:} or {@code archive: {}}). */
  public boolean present() {
    return !levels.isEmpty();
  }

  /** The value of {@code key} converted, or {@code def} when no source gives it. */
  public <T> T value(String key, T def, Conversion<T> conversion) throws ConfigException {
    known.add(key);
    T result = def;
    for (Level l : levels) {
      if (l.has(key)) result = conversion.convert(new Value(l.source, pathOf(key), l.map.get(key)));
    }
    return result;
  }

  /**
   * A list of values, each converted; a single value stands for a list of one ({@code views: bgp}), no
   * value for the empty list. {@code def} (which may be null) when no source gives the key.
   */
  public <T> List<T> list(String key, List<T> def, Conversion<T> conversion) throws ConfigException {
    known.add(key);
    List<T> result = def;
    for (Level l : levels) {
      if (!l.has(key)) continue;
      Object v = l.map.get(key);
      List<T> out = new ArrayList<>();
      if (v instanceof List<?> items) {
        for (int i = 0; i < items.size(); i++) {
          out.add(conversion.convert(new Value(l.source, pathOf(key) + "[" + i + "]", items.get(i))));
        }
      } else if (v != null) {
        out.add(conversion.convert(new Value(l.source, pathOf(key), v)));
      }
      result = Collections.unmodifiableList(out);
    }
    return result;
  }

  /** Reads the sub-section {@code key} (absent or empty means all defaults) and checks it has no unknown keys. */
  public <T> T section(String key, SectionReader<T> reader) throws ConfigException {
    known.add(key);
    List<Level> children = new ArrayList<>();
    for (Level l : levels) {
      if (l.has(key)) children.add(new Level(l.source, mapping(new Value(l.source, pathOf(key), l.map.get(key)), true)));
    }
    return read(children, pathOf(key), reader);
  }

  /** A list of sections ({@code - address: ...}), each read by {@code reader} with a reader of its own. */
  public <T> List<T> sections(String key, List<T> def, SectionReader<T> reader) throws ConfigException {
    known.add(key);
    List<T> result = def;
    for (Level l : levels) {
      if (!l.has(key)) continue;
      Object v = l.map.get(key);
      if (v != null && !(v instanceof List)) {
        throw new Value(l.source, pathOf(key), v).error("must be a list of sections (- key: value, ...), got "
            + Scalars.describe(v));
      }
      List<T> out = new ArrayList<>();
      List<?> items = v == null ? List.of() : (List<?>) v;
      for (int i = 0; i < items.size(); i++) {
        String item = pathOf(key) + "[" + i + "]";
        Map<String, Object> m = mapping(new Value(l.source, item, items.get(i)), false);
        out.add(read(List.of(new Level(l.source, m)), item, reader));
      }
      result = Collections.unmodifiableList(out);
    }
    return result;
  }

  public int port(String key, int def) throws ConfigException {
    return integer(key, def, 0, 65535);
  }

  public int integer(String key, int def, int min, int max) throws ConfigException {
    return value(key, (long) def, Scalars.integer(min, max)).intValue();
  }

  public long longInteger(String key, long def, long min, long max) throws ConfigException {
    return value(key, def, Scalars.integer(min, max));
  }

  public String string(String key, String def) throws ConfigException {
    return value(key, def, Scalars.STRING);
  }

  public boolean bool(String key, boolean def) throws ConfigException {
    return value(key, def, Scalars.BOOL);
  }

  /**
   * An error found after reading ({@code localAs} missing, an address listed twice): at {@code key} (or a
   * path below it, {@code neighbors[1].address}) where the last source giving the key gave it, else where
   * the section was given.
   */
  public ConfigException error(String key, String why) {
    String top = key.split("[.\\[]", 2)[0];
    Level at = levels.isEmpty() ? null : levels.get(0);
    for (Level l : levels) if (l.has(top)) at = l;
    return at == null ? new ConfigException(pathOf(key) + ": " + why) : new Value(at.source, pathOf(key), null).error(why);
  }

  /** Fails on the first key that no getter asked for. */
  void finish() throws ConfigException {
    for (Level l : levels) {
      if (l.map == null) continue;
      for (String key : l.map.keySet()) {
        if (known.contains(key)) continue;
        String what = path.isEmpty() ? "unknown top-level key '" + key + "'"
            : "unknown key '" + key + "' in section '" + path + "'";
        String hint = Suggestion.closest(key, known);
        throw new Value(l.source, pathOf(key), null).error(what + (hint == null ? "" : " (did you mean '" + hint + "'?)")
            + "; known keys: " + String.join(", ", known));
      }
    }
  }

  private static <T> T read(List<Level> levels, String path, SectionReader<T> reader) throws ConfigException {
    ConfigReader child = new ConfigReader(levels, path);
    T value = reader.read(child);
    child.finish();
    return value;
  }

  /** The value as a section's mapping; null for no value ({@code bmp:} with everything below commented out). */
  private static Map<String, Object> mapping(Value v, boolean mayBeEmpty) throws ConfigException {
    if (v.raw() == null && mayBeEmpty) return null;
    if (!(v.raw() instanceof Map)) {
      throw v.error("must be a section (a mapping of keys to values), got " + Scalars.describe(v.raw()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v.raw(); // YamlSource checked every key is a string
    return m;
  }

  private String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
