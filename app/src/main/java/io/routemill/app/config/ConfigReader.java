package io.routemill.app.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one section of the configuration from every source at once (defaults are the getters' arguments,
 * then the YAML file, then the command line; later sources win). Every value given in any source is
 * type-checked, even one a later source overrides, so a broken file is reported rather than half-used.
 * Each getter records its key as known; {@link #finish} then rejects any other key, so a typo never goes
 * unnoticed.
 */
public final class ConfigReader {

  /** Reads a section's record from its reader. */
  @FunctionalInterface
  public interface SectionReader<T> {
    T read(ConfigReader reader) throws ConfigException;
  }

  /** One source of values: its tree of keys, and where a key path came from, for messages. */
  interface Source {
    Map<String, Object> root();

    /** {@code "routemill.yaml:12"} or {@code "--http-port"}: where the value at {@code path} was given. */
    String where(String path);

    /** True when every scalar is text still to be parsed (command-line flags); false for typed YAML. */
    boolean textual();
  }

  private record Level(Source source, Map<String, Object> map) {}

  private final List<Level> levels;
  private final String path;
  private final Set<String> known = new LinkedHashSet<>();

  private ConfigReader(List<Level> levels, String path) {
    this.levels = levels;
    this.path = path;
  }

  static ConfigReader of(List<Source> sources) {
    List<Level> levels = new ArrayList<>();
    for (Source s : sources) levels.add(new Level(s, s.root()));
    return new ConfigReader(levels, "");
  }

  /** Reads the sub-section {@code key} (absent or empty means all defaults) and checks it has no unknown keys. */
  public <T> T section(String key, SectionReader<T> reader) throws ConfigException {
    known.add(key);
    String sub = pathOf(key);
    List<Level> children = new ArrayList<>();
    for (Level l : levels) {
      if (l.map == null || !l.map.containsKey(key)) continue;
      Object v = l.map.get(key);
      if (v == null) continue; // "bmp:" with everything below commented out
      if (!(v instanceof Map)) {
        throw error(l.source, sub, "must be a section (a mapping of keys to values), got " + describe(v));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      children.add(new Level(l.source, m));
    }
    ConfigReader child = new ConfigReader(children, sub);
    T value = reader.read(child);
    child.finish();
    return value;
  }

  /** A TCP or UDP port, 0 to 65535 (0: let the system choose). */
  public int port(String key, int def) throws ConfigException {
    return integer(key, def, 0, 65535);
  }

  /** An integer from {@code min} to {@code max}. */
  public int integer(String key, int def, int min, int max) throws ConfigException {
    known.add(key);
    int result = def;
    for (Level l : levels) {
      if (l.map == null || !l.map.containsKey(key)) continue;
      Object v = l.map.get(key);
      String why = "must be an integer from " + min + " to " + max + ", got " + describe(v);
      BigInteger n = null;
      if (l.source.textual() && v instanceof String s && s.matches("[-+]?[0-9]{1,30}")) {
        n = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
      } else if (!l.source.textual() && (v instanceof Integer || v instanceof Long)) {
        n = BigInteger.valueOf(((Number) v).longValue());
      } else if (!l.source.textual() && v instanceof BigInteger b) {
        n = b;
      } else if (!l.source.textual() && v instanceof String s && s.trim().matches("[0-9]+")) {
        why += " (write it without quotes)";
      }
      if (n == null || n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
        throw error(l.source, pathOf(key), why);
      }
      result = n.intValue();
    }
    return result;
  }

  /** A non-empty string. */
  public String string(String key, String def) throws ConfigException {
    known.add(key);
    String result = def;
    for (Level l : levels) {
      if (l.map == null || !l.map.containsKey(key)) continue;
      Object v = l.map.get(key);
      if (!(v instanceof String s) || s.isBlank()) {
        throw error(l.source, pathOf(key), "must be a non-empty string, got " + describe(v));
      }
      result = s;
    }
    return result;
  }

  /** {@code true} or {@code false}. */
  public boolean bool(String key, boolean def) throws ConfigException {
    known.add(key);
    boolean result = def;
    for (Level l : levels) {
      if (l.map == null || !l.map.containsKey(key)) continue;
      Object v = l.map.get(key);
      if (v instanceof Boolean b && !l.source.textual()) {
        result = b;
      } else if (l.source.textual() && ("true".equals(v) || "false".equals(v))) {
        result = "true".equals(v);
      } else {
        throw error(l.source, pathOf(key), "must be true or false, got " + describe(v));
      }
    }
    return result;
  }

  /** Fails on the first key that no getter asked for. */
  void finish() throws ConfigException {
    for (Level l : levels) {
      if (l.map == null) continue;
      for (String key : l.map.keySet()) {
        if (known.contains(key)) continue;
        String where = path.isEmpty() ? "unknown top-level key '" + key + "'"
            : "unknown key '" + key + "' in section '" + path + "'";
        String hint = closest(key);
        throw new ConfigException(l.source.where(pathOf(key)) + ": " + pathOf(key) + ": " + where
            + (hint == null ? "" : " (did you mean '" + hint + "'?)")
            + "; known keys: " + String.join(", ", known));
      }
    }
  }

  private String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static ConfigException error(Source source, String path, String why) {
    return new ConfigException(source.where(path) + ": " + path + ": " + why);
  }

  static String describe(Object v) {
    if (v == null) return "no value";
    if (v instanceof String s) return "the string \"" + s + "\"";
    if (v instanceof Boolean) return "the boolean " + v;
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) return "the integer " + v;
    if (v instanceof Number) return "the number " + v;
    if (v instanceof List) return "a list";
    if (v instanceof Map) return "a section";
    return "a " + v.getClass().getSimpleName();
  }

  /** The known key within edit distance 2 of {@code key}, if one is. */
  private String closest(String key) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key.toLowerCase(java.util.Locale.ROOT), k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
