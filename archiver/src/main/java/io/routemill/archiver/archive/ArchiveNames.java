package io.routemill.archiver.archive;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * File names and places, as RIS names them: {@code <collector>/YYYY.MM/updates.YYYYMMDD.HHMM.gz} and
 * {@code bview.YYYYMMDD.HHMM.gz}; Parquet in Hive-style partitions under {@code parquet/}. With intervals that
 * are not whole minutes the time gets seconds ({@code HHMMSS}).
 */
final class ArchiveNames {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyyMMdd.HHmm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss").withZone(ZoneOffset.UTC);

  private ArchiveNames() {}

  /** Start of the epoch-aligned interval containing {@code t}. */
  static Instant alignedStart(Instant t, Duration interval) {
    long ms = interval.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
  }

  static String stamp(Instant t, Duration interval) {
    return interval.toSeconds() % 60 == 0 ? MINUTES.format(t) : SECONDS.format(t);
  }

  static String updatesMrt(String collector, Instant start, Duration interval) {
    return collector + "/" + MONTH.format(start) + "/updates." + stamp(start, interval) + ".gz";
  }

  static String bview(String collector, Instant at, Duration interval) {
    return collector + "/" + MONTH.format(at) + "/bview." + stamp(at, interval) + ".gz";
  }

  static String updatesParquet(String collector, Instant start, Duration interval) {
    return "parquet/updates/dt=" + DAY.format(start) + "/hour=" + HOUR.format(start) + "/" + collector + ".updates."
        + stamp(start, interval) + ".parquet";
  }

  static String routesParquet(String collector, Instant at, Duration interval, int part) {
    return "parquet/routes/dt=" + DAY.format(at) + "/" + collector + ".routes." + stamp(at, interval) + ".p" + part
        + ".parquet";
  }

  /** What a published file name says: kind ("updates"/"rib") and start, or null when it is not ours. */
  record Parsed(String kind, String format, Instant start, boolean seconds) {}

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
      "(?:.*\\.)?(updates|bview|routes)\\.([0-9]{8})\\.([0-9]{4}|[0-9]{6})(?:\\.p[0-9]+)?(?:-[0-9]+)?\\.(gz|parquet)");

  static Parsed parse(String fileName) {
    java.util.regex.Matcher m = NAME.matcher(fileName);
    if (!m.matches()) return null;
    String d = m.group(2);
    String t = m.group(3);
    Instant start = Instant.parse(d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6, 8) + "T"
        + t.substring(0, 2) + ":" + t.substring(2, 4) + ":" + (t.length() == 6 ? t.substring(4, 6) : "00") + "Z");
    String kind = m.group(1).equals("updates") ? "updates" : "rib";
    return new Parsed(kind, m.group(4).equals("gz") ? "mrt" : "parquet", start, t.length() == 6);
  }
}
