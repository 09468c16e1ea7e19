package io.routemill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.IpAddresses;
import io.routemill.testkit.Interop;
import io.routemill.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routemill convert} of every real updates file and every real RIB file under ../shared/data/mrt: DuckDB reads
 * one row per line {@code bgpdump -m} prints, with the same values (bgpdump lines rebuilt from the typed columns;
 * RIB lines without their time, which is the record's where the routes table has the entry's originated time).
 * Files where bgpdump is wrong (README, "bgpdump compatibility") are compared with {@code routemill mrt dump}
 * instead, which is bgpdump's output with those bugs fixed. The {@code corrections} column is null for W and STATE
 * rows and a list for announcements and routes.
 */
class ConvertCommandTest {
  /** Files with a documented bgpdump deviation. */
  private static final List<String> DEVIATIONS = List.of("updates.nlri_mask_trailing_bits.gz",
      "updates.19991214.1621.gz", "updates.20000325.0345.gz", "local_only/updates.bz2", "mrtparse/openbgpd_rib_table");

  @Test
  void everyRealUpdatesFileConvertsToOneRowPerBgpdumpLine(@TempDir Path out) throws Exception {
    Interop.require("bgpdump");
    List<Path> files = new ArrayList<>();
    for (Path p : SharedData.files("mrt", "test_expect")) {
      if (p.getFileName().toString().contains("updates")) files.add(p);
    }
    assertTrue(files.size() >= 10, "updates files: " + files);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      int n = 0;
      for (Path file : files) {
        Converted converted = convert(file, out.resolve("f" + n++));
        Path parquet = converted.parquet();
        List<String> rows = rows(db, parquet);
        boolean deviates = DEVIATIONS.stream().anyMatch(d -> file.toString().endsWith(d));
        List<String> reference = deviates ? routemillDump(file) : bgpdump(file);
        var expected = bag(reference);
        var actual = bag(rows);
        assertEquals(reference.size(), rows.size(), file + ": rows vs " + (deviates ? "routemill mrt dump" : "bgpdump")
            + " lines" + diff(expected, actual));
        assertEquals(expected, actual, file + diff(expected, actual));
        assertEquals(0, count(db, "SELECT count(*) FROM read_parquet('" + parquet + "') WHERE (type = 'A')"
            + " = (corrections IS NULL)"), file + ": corrections are a list for A rows, null for the others");
        System.out.println(file + ": " + rows.size() + " rows = " + (deviates ? "routemill mrt dump" : "bgpdump -m")
            + " lines");
      }
    }
  }

  @Test
  void everyRealRibFileConvertsToOneRowPerBgpdumpLine(@TempDir Path out) throws Exception {
    Interop.require("bgpdump");
    List<Path> files = new ArrayList<>();
    for (Path p : SharedData.files("mrt", "test_expect")) {
      String name = p.getFileName().toString();
      if (name.contains("bview") || name.contains("rib")) files.add(p);
    }
    assertTrue(files.size() >= 10, "RIB files: " + files);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      int n = 0;
      for (Path file : files) {
        Converted converted = convert(file, out.resolve("f" + n++));
        Path parquet = converted.parquet();
        boolean deviates = DEVIATIONS.stream().anyMatch(d -> file.toString().endsWith(d));
        List<String> reference = ribLines(deviates ? routemillDump(file) : bgpdump(file));
        List<String> rows = routeRows(db, parquet);
        var expected = bag(reference);
        var actual = bag(rows);
        assertEquals(reference.size(), rows.size(), file + ": rows vs " + (deviates ? "routemill mrt dump" : "bgpdump")
            + " lines" + diff(expected, actual));
        assertEquals(expected, actual, file + diff(expected, actual));
        if (!rows.isEmpty()) {
          assertTrue(converted.stdout().contains("rows (routes)"), file + ": " + converted.stdout());
          assertEquals(0, count(db, "SELECT count(*) FROM read_parquet('" + parquet + "') WHERE corrections IS NULL"
              + " OR len(corrections) > 0"), file + ": corrections");
        }
        System.out.println(file + ": " + rows.size() + " rows = " + (deviates ? "routemill mrt dump" : "bgpdump -m")
            + " lines");
      }
    }
  }

  /**
   * BIRD writes ADD-PATH NLRI into records whose subtype says there are none (README, "bgpdump compatibility"): the
   * announcements read with path ids say so in {@code corrections}; those of the correctly labelled file do not.
   */
  @Test
  void mislabeledAddPathAnnouncementsCarryTheirCorrection(@TempDir Path out) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String name : List.of("bird_bgp", "bird6_bgp", "bird-mrtdump_bgp")) {
        Path dir = out.resolve(name);
        int status = RoutemillCli.run(List.of("convert", SharedData.file("mrt/mrtparse/" + name).toString(), "--to",
            "parquet", dir.toString()), new PrintStream(new ByteArrayOutputStream(), true),
            new PrintStream(new ByteArrayOutputStream(), true));
        assertEquals(RoutemillCli.EXIT_OK, status, name);
        String parquet = dir.resolve(name + ".parquet").toString();
        long announced = count(db, "SELECT count(*) FROM read_parquet('" + parquet + "') WHERE type = 'A'");
        long flagged = count(db, "SELECT count(*) FROM read_parquet('" + parquet + "') WHERE type = 'A'"
            + " AND corrections = ['add-path-flipped'] AND path_id IS NOT NULL");
        assertTrue(announced > 0, name);
        assertEquals(name.contains("mrtdump") ? 0 : announced, flagged,
            name + ": announcements marked add-path-flipped");
      }
    }
  }

  /** The routes table's rows as RIB lines of bgpdump -m without record type and time, like {@link #ribLines}. */
  private static List<String> routeRows(Connection db, Path parquet) throws Exception {
    List<String> out = new ArrayList<>();
    String sql = "SELECT peer_address, peer_asn, prefix, path_id, " + AS_PATH + ", origin, next_hop, local_pref, med,"
        + " array_to_string(communities, ' '), atomic_aggregate, aggregator FROM read_parquet('" + parquet + "')";
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        String origin = r.getString(6);
        String nh = r.getString(7);
        out.add(address(r.getString(1)) + "|" + r.getLong(2) + "|" + prefix(r.getString(3))
            + (r.getObject(4) == null ? "" : "|" + r.getLong(4)) + "|" + (r.getString(5) == null ? "" : r.getString(5))
            + "|" + (origin == null ? "INCOMPLETE" : origin) + "|" + address(nh == null ? "255.255.255.255" : nh)
            + "|" + (r.getObject(8) == null ? 0 : r.getLong(8)) + "|" + (r.getObject(9) == null ? 0 : r.getLong(9))
            + "|" + communities(r.getString(10)) + "|" + (r.getBoolean(11) ? "AG" : "NAG") + "|"
            + aggregator(r.getString(12)) + "|");
      }
    }
    return out;
  }

  /** TABLE_DUMP / TABLE_DUMP2(_AP) lines without record type, time and "B", addresses printed routemill's way. */
  private static List<String> ribLines(List<String> normalised) {
    List<String> out = new ArrayList<>();
    for (String line : normalised) out.add(line.substring(line.indexOf("|B|") + 3));
    return out;
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** bgpdump's AS path from the columns: as_path_segments when present (sets, confederations), else as_path. */
  private static final String AS_PATH = "coalesce(array_to_string(list_transform(as_path_segments, lambda s: CASE s.type"
      + " WHEN 'AS_SET' THEN '{' || array_to_string(s.asns, ',') || '}'"
      + " WHEN 'AS_CONFED_SEQUENCE' THEN '(' || array_to_string(s.asns, ' ') || ')'"
      + " WHEN 'AS_CONFED_SET' THEN '[' || array_to_string(s.asns, ',') || ']'"
      + " ELSE array_to_string(s.asns, ' ') END), ' '), array_to_string(as_path, ' '))";

  /** The table's rows as bgpdump -m lines (without the record type), normalised like {@link #normalise}. */
  private static List<String> rows(Connection db, Path parquet) throws Exception {
    List<String> out = new ArrayList<>();
    String sql = "SELECT epoch_us(timestamp), type, peer_address, peer_asn, prefix, path_id, " + AS_PATH
        + ", origin, next_hop, local_pref, med, array_to_string(communities, ' '), atomic_aggregate, aggregator,"
        + " old_state, new_state FROM read_parquet('" + parquet + "')";
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        long us = r.getLong(1);
        String ts = (us / 1_000_000) + "." + String.format("%06d", us % 1_000_000);
        String type = r.getString(2);
        String head = ts + "|" + type + "|" + address(r.getString(3)) + "|" + r.getLong(4) + "|";
        if (type.equals("STATE")) {
          out.add(head + r.getInt(15) + "|" + r.getInt(16));
          continue;
        }
        String prefix = prefix(r.getString(5)) + (r.getObject(6) == null ? "" : "|" + r.getLong(6));
        if (type.equals("W")) {
          out.add(head + prefix);
          continue;
        }
        String origin = r.getString(8);
        String nh = r.getString(9);
        String agg = r.getString(14);
        out.add(head + prefix + "|" + (r.getString(7) == null ? "" : r.getString(7)) + "|"
            + (origin == null ? "INCOMPLETE" : origin) + "|" + address(nh == null ? "255.255.255.255" : nh) + "|"
            + (r.getObject(10) == null ? 0 : r.getLong(10)) + "|" + (r.getObject(11) == null ? 0 : r.getLong(11)) + "|"
            + communities(r.getString(12)) + "|" + (r.getBoolean(13) ? "AG" : "NAG") + "|" + aggregator(agg) + "|");
      }
    }
    return out;
  }

  private static String communities(String s) {
    if (s == null || s.isEmpty()) return "";
    StringBuilder sb = new StringBuilder();
    for (String c : s.split(" ")) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(switch (c) {
        case "65535:65281" -> "no-export";
        case "65535:65282" -> "no-advertise";
        case "65535:65283" -> "local-AS";
        default -> c;
      });
    }
    return sb.toString();
  }

  private static String aggregator(String a) {
    if (a == null) return "";
    int sp = a.indexOf(' ');
    return a.substring(0, sp + 1) + address(a.substring(sp + 1));
  }

  private static List<String> bgpdump(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Interop.require("bgpdump").toString(), "-m", file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    p.waitFor();
    return normalise(new String(out, StandardCharsets.UTF_8));
  }

  private static List<String> routemillDump(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RoutemillCli.run(List.of("mrt", "dump", file.toString()), new PrintStream(out, true),
        new PrintStream(new ByteArrayOutputStream(), true));
    return normalise(out.toString(StandardCharsets.UTF_8));
  }

  /** Drops the record type, gives every timestamp microseconds, and prints addresses routemill's way. */
  private static List<String> normalise(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) continue;
      String[] f = line.split("\\|", -1);
      String ts = f[1].contains(".") ? f[1] : f[1] + ".000000";
      StringBuilder sb = new StringBuilder(ts).append('|').append(f[2]).append('|').append(address(f[3])).append('|')
          .append(f[4]);
      boolean ap = f[0].endsWith("_AP");
      if (f[2].equals("STATE")) {
        sb.append('|').append(f[5]).append('|').append(f[6]);
      } else {
        sb.append('|').append(prefix(f[5]));
        int i = 6;
        if (ap) sb.append('|').append(f[i++]);
        if (f[2].equals("A") || f[2].equals("B")) { // an announcement or a RIB entry
          sb.append('|').append(f[i]).append('|').append(f[i + 1]).append('|').append(address(f[i + 2])).append('|')
              .append(f[i + 3]).append('|').append(f[i + 4]).append('|').append(f[i + 5]).append('|').append(f[i + 6])
              .append('|').append(aggregator(f[i + 7].isEmpty() ? null : f[i + 7])).append('|');
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static String address(String text) {
    try {
      return IpAddresses.format(InetAddress.getByName(text).getAddress());
    } catch (IOException e) {
      return text;
    }
  }

  private static String prefix(String text) {
    int slash = text.indexOf('/');
    return slash < 0 ? text : address(text.substring(0, slash)) + text.substring(slash);
  }

  private static Map<String, Integer> bag(List<String> items) {
    Map<String, Integer> m = new TreeMap<>();
    for (String s : items) m.merge(s, 1, Integer::sum);
    return m;
  }

  private static String diff(Map<String, Integer> expected, Map<String, Integer> actual) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (var e : expected.entrySet()) {
      int a = actual.getOrDefault(e.getKey(), 0);
      if (a != e.getValue() && n++ < 10) sb.append("\n  expected ").append(e.getValue()).append("x, got ").append(a)
          .append(": ").append(e.getKey());
    }
    for (var e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey()) && n++ < 10) sb.append("\n  unexpected: ").append(e.getKey());
    }
    return sb.toString();
  }

  private record Converted(Path parquet, String stdout) {}

  /** {@code routemill convert FILE --to parquet DIR --collector rrc00}: the Parquet file written and what it said. */
  private static Converted convert(Path file, Path dir) throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = RoutemillCli.run(List.of("convert", file.toString(), "--to", "parquet", dir.toString(),
        "--collector", "rrc00"), new PrintStream(stdout, true), new PrintStream(stderr, true));
    assertTrue(status == 0 || status == 1, file + ": status " + status + ": " + stderr);
    try (var list = Files.list(dir)) {
      return new Converted(list.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(),
          stdout.toString());
    }
  }
}
