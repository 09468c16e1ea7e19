package io.routemill.archiver.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code <archive>/index.json}: every published file and every interval that could not be archived. Kept in
 * memory, rewritten (temporary name, then rename) after each change. Thread-safe.
 */
public final class ArchiveIndex {
  /** One published file; {@code path} is relative to the archive root, with '/' separators. */
  public record Entry(String path, String kind, String format, String collector, Instant start, Instant end,
      long records, long bytes, String sha256) {}

  /** An interval whose file could not be written, and why. */
  public record Missed(String kind, String format, String collector, Instant start, Instant end, String error,
      Instant at) {}

  private final List<Entry> entries = new ArrayList<>();
  private final List<Missed> missed = new ArrayList<>();

  public synchronized void add(Entry e) {
    entries.removeIf(x -> x.path().equals(e.path()));
    entries.add(e);
    entries.sort(ORDER);
  }

  public synchronized void addMissed(Missed m) {
    missed.add(m);
  }

  public synchronized boolean contains(String path) {
    return entries.stream().anyMatch(e -> e.path().equals(path));
  }

  public synchronized void retain(java.util.function.Predicate<Entry> keep) {
    entries.removeIf(keep.negate());
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized List<Missed> missed() {
    return List.copyOf(missed);
  }

  /**
   * Entries overlapping [from, to) (either bound may be null) of the given kind (null for all).
   */
  public synchronized List<Entry> find(Instant from, Instant to, String kind, String format) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (kind != null && !kind.equals(e.kind())) continue;
      if (format != null && !format.equals(e.format())) continue;
      if (from != null && !e.end().isAfter(from) && !e.start().equals(from)) continue;
      if (to != null && !e.start().isBefore(to)) continue;
      out.add(e);
    }
    return out;
  }

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::start).thenComparing(Entry::kind).thenComparing(Entry::path);

  public synchronized String toJson() {
    StringBuilder sb = new StringBuilder(256 + entries.size() * 256);
    sb.append("{\n  \"version\": 1,\n  \"files\": [");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("    {\"path\": ").append(Json.quote(e.path()))
          .append(", \"kind\": ").append(Json.quote(e.kind()))
          .append(", \"format\": ").append(Json.quote(e.format()))
          .append(", \"collector\": ").append(Json.quote(e.collector()))
          .append(", \"start\": ").append(Json.quote(e.start().toString()))
          .append(", \"end\": ").append(Json.quote(e.end().toString()))
          .append(", \"records\": ").append(e.records())
          .append(", \"bytes\": ").append(e.bytes())
          .append(", \"sha256\": ").append(Json.quote(e.sha256())).append('}');
    }
    sb.append(entries.isEmpty() ? "],\n" : "\n  ],\n").append("  \"missed\": [");
    for (int i = 0; i < missed.size(); i++) {
      Missed m = missed.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("    {\"kind\": ").append(Json.quote(m.kind()))
          .append(", \"format\": ").append(Json.quote(m.format()))
          .append(", \"collector\": ").append(Json.quote(m.collector()))
          .append(", \"start\": ").append(Json.quote(m.start().toString()))
          .append(", \"end\": ").append(Json.quote(m.end().toString()))
          .append(", \"error\": ").append(Json.quote(m.error()))
          .append(", \"at\": ").append(Json.quote(m.at().toString())).append('}');
    }
    sb.append(missed.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return sb.toString();
  }

  /** Reads an index written by {@link #toJson}; throws IllegalArgumentException when it is not one. */
  public static ArchiveIndex fromJson(String text) {
    ArchiveIndex index = new ArchiveIndex();
    if (!(Json.parse(text) instanceof Map<?, ?> root)) throw new IllegalArgumentException("not a JSON object");
    if (root.get("files") instanceof List<?> files) {
      for (Object o : files) {
        if (!(o instanceof Map<?, ?> m)) continue;
        index.entries.add(new Entry(str(m, "path"), str(m, "kind"), str(m, "format"), str(m, "collector"),
            Instant.parse(str(m, "start")), Instant.parse(str(m, "end")), num(m, "records"), num(m, "bytes"),
            str(m, "sha256")));
      }
    }
    if (root.get("missed") instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Map<?, ?> m)) continue;
        index.missed.add(new Missed(str(m, "kind"), str(m, "format"), str(m, "collector"),
            Instant.parse(str(m, "start")), Instant.parse(str(m, "end")), str(m, "error"), Instant.parse(str(m, "at"))));
      }
    }
    index.entries.sort(ORDER);
    return index;
  }

  private static String str(Map<?, ?> m, String k) {
    if (!(m.get(k) instanceof String s)) throw new IllegalArgumentException("missing string '" + k + "'");
    return s;
  }

  private static long num(Map<?, ?> m, String k) {
    if (!(m.get(k) instanceof Long n)) throw new IllegalArgumentException("missing integer '" + k + "'");
    return n;
  }
}
