package io.routemill.app.config;

import io.routemill.archiver.archive.ArchiveSettings;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The conversions of single values that sections share. YAML values must already have the right type
 * ({@code port: "8080"} is refused, with a hint, rather than guessed at); flag values are text and parsed.
 */
final class Scalars {
  private Scalars() {}

  /** A non-empty string. */
  static final Conversion<String> STRING = v -> {
    if (v.raw() instanceof String s && !s.isBlank()) return s;
    throw v.error("must be a non-empty string, got " + describe(v.raw()));
  };

  /** Free text (a description, a password): a non-empty string, or an integer read as its digits. */
  static final Conversion<String> TEXT = v -> {
    if (v.raw() instanceof Integer || v.raw() instanceof Long || v.raw() instanceof BigInteger) return v.raw().toString();
    return STRING.convert(v);
  };

  /** {@code true} or {@code false}. */
  static final Conversion<Boolean> BOOL = v -> {
    if (!v.textual() && v.raw() instanceof Boolean b) return b;
    if (v.textual() && ("true".equals(v.raw()) || "false".equals(v.raw()))) return "true".equals(v.raw());
    throw v.error("must be true or false, got " + describe(v.raw()));
  };

  /** {@code 30s}, {@code 5m}, {@code 8h}, {@code 1d} ({@link ArchiveSettings#parseDuration}). */
  static final Conversion<Duration> DURATION = v -> {
    if (!(v.raw() instanceof String s)) {
      throw v.error("must be a duration like 30s, 5m, 8h or 1d, got " + describe(v.raw()));
    }
    try {
      return ArchiveSettings.parseDuration(s);
    } catch (IllegalArgumentException e) {
      throw v.error(e.getMessage());
    }
  };

  /** A path to a file that exists (not opened here: whoever reads it reports an unreadable file). */
  static final Conversion<Path> EXISTING_PATH = v -> {
    String s = STRING.convert(v);
    Path p;
    try {
      p = Path.of(s);
    } catch (InvalidPathException e) {
      throw v.error("not a valid path: " + e.getMessage());
    }
    if (!Files.exists(p)) throw v.error("no such file: " + s);
    return p;
  };

  /** An integer from {@code min} to {@code max}; AS numbers need the whole unsigned 32-bit range. */
  static Conversion<Long> integer(long min, long max) {
    return v -> {
      Object raw = v.raw();
      String why = "must be an integer from " + min + " to " + max + ", got " + describe(raw);
      BigInteger n = null;
      if (v.textual() && raw instanceof String s && s.matches("[-+]?[0-9]{1,30}")) {
        n = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
      } else if (!v.textual() && (raw instanceof Integer || raw instanceof Long)) {
        n = BigInteger.valueOf(((Number) raw).longValue());
      } else if (!v.textual() && raw instanceof BigInteger b) {
        n = b;
      } else if (!v.textual() && raw instanceof String s && s.trim().matches("[0-9]+")) {
        why += " (write it without quotes)";
      }
      if (n == null || n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
        throw v.error(why);
      }
      return n.longValue();
    };
  }

  /** One of {@code names}, in any case; the result is the name as listed (enumerations of the YAML). */
  static Conversion<String> oneOf(Collection<String> names) {
    List<String> known = List.copyOf(names);
    return v -> {
      if (v.raw() instanceof String s) {
        for (String k : known) if (k.equalsIgnoreCase(s.trim())) return k;
      }
      throw v.error("must be one of " + String.join(", ", known) + "; got " + describe(v.raw()));
    };
  }

  /** How a value reads in a message: {@code the string "8080"}, {@code the integer 8080}, {@code a list}. */
  static String describe(Object v) {
    if (v == null) return "no value";
    if (v instanceof String s) return "the string \"" + s + "\"";
    if (v instanceof Boolean) return "the boolean " + v;
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) return "the integer " + v;
    if (v instanceof Number) return "the number " + v;
    if (v instanceof List) return "a list";
    if (v instanceof Map) return "a section";
    return "a " + v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
