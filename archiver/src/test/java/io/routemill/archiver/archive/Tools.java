package io.routemill.archiver.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.routemill.wire.bgp.IpAddresses;
import io.routemill.testkit.Interop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** bgpdump and DuckDB, the tools researchers read the archive with. */
final class Tools {
  private Tools() {}

  /** {@code bgpdump -m FILE}'s lines; fails on a non-zero exit or anything on stderr. */
  static List<String> bgpdump(Path file) throws IOException, InterruptedException {
    Path bgpdump = Interop.require("bgpdump");
    Process p = new ProcessBuilder(bgpdump.toString(), "-m", file.toString()).start();
    byte[] out;
    byte[] err;
    try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
      out = o.readAllBytes();
      err = e.readAllBytes();
    }
    int status = p.waitFor();
    String stderr = new String(err, StandardCharsets.UTF_8);
    assertEquals(0, status, "bgpdump -m " + file + ": " + stderr);
    List<String> lines = new ArrayList<>();
    for (String l : new String(out, StandardCharsets.UTF_8).split("\n")) if (!l.isEmpty()) lines.add(l);
    return lines;
  }

  /** An address as routemill prints it (bgpdump prints some IPv6 addresses its own way). */
  static String address(String text) {
    try {
      return IpAddresses.format(InetAddress.getByName(text).getAddress());
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static String prefix(String text) {
    int slash = text.indexOf('/');
    return address(text.substring(0, slash)) + text.substring(slash);
  }

  /** A multiset of strings, for order-insensitive comparisons with useful failure messages. */
  static Map<String, Integer> bag(List<String> items) {
    Map<String, Integer> m = new TreeMap<>();
    for (String s : items) m.merge(s, 1, Integer::sum);
    return m;
  }

  /** Differences between two bags, at most {@code max} of them, for messages. */
  static String diff(Map<String, Integer> expected, Map<String, Integer> actual, int max) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (var e : expected.entrySet()) {
      int a = actual.getOrDefault(e.getKey(), 0);
      if (a != e.getValue() && n++ < max) sb.append("\n  expected ").append(e.getValue()).append("x, got ").append(a)
          .append(": ").append(e.getKey());
    }
    for (var e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey()) && n++ < max) sb.append("\n  unexpected ").append(e.getValue())
          .append("x: ").append(e.getKey());
    }
    return sb.toString();
  }

  /** bgpdump's notation of the effective AS path: sets in braces, confederations in () and []. */
  static String asPath(io.routemill.wire.bgp.attr.PathAttributes a) {
    var path = a.effectiveAsPath();
    return path == null ? "" : io.routemill.wire.bgp.attr.AsPathSegment.toText(path);
  }

  static Connection duckdb() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  /** The rows of a query, each row's columns joined with '|'. */
  static List<String> query(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        String[] cols = new String[n];
        for (int i = 0; i < n; i++) {
          Object o = r.getObject(i + 1);
          cols[i] = o instanceof java.sql.Array a ? Arrays.deepToString((Object[]) a.getArray()) : String.valueOf(o);
        }
        out.add(String.join("|", cols));
      }
    }
    return out;
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
