package io.routemill.app.interop;

import io.routemill.wire.bgp.Prefix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * One view of routes (a router's CLI table, or one of routemill's BMP views) in the form the interop tests
 * compare: prefix → paths, each path with its ADD-PATH path id (or {@link #NO_ID}) and the attributes both sides
 * can show. Prefixes are canonical text ({@link Prefix#toString()}); communities are sorted (an unordered set in
 * BGP, and CLIs print them in their own order).
 */
final class RouteTable {
  static final long NO_ID = -1;

  /** The attributes compared route by route. Null means absent. */
  record Attrs(String asPath, String origin, String nextHop, Long med, Long localPref, List<String> communities,
      List<String> largeCommunities) {
    Attrs {
      communities = sorted(communities);
      largeCommunities = sorted(largeCommunities);
    }

    Attrs withAsPath(String path) {
      return new Attrs(path, origin, nextHop, med, localPref, communities, largeCommunities);
    }

    Attrs withCommunities(List<String> c, List<String> large) {
      return new Attrs(asPath, origin, nextHop, med, localPref, c, large);
    }

    Attrs withLocalPref(Long lp) {
      return new Attrs(asPath, origin, nextHop, med, lp, communities, largeCommunities);
    }

    @Override
    public String toString() {
      return "[" + asPath + "] " + origin + " nh " + nextHop + (med == null ? "" : " med " + med)
          + (localPref == null ? "" : " lp " + localPref) + (communities.isEmpty() ? "" : " c " + communities)
          + (largeCommunities.isEmpty() ? "" : " lc " + largeCommunities);
    }

    private static List<String> sorted(List<String> values) {
      if (values == null || values.isEmpty()) return List.of();
      List<String> copy = new ArrayList<>(values);
      Collections.sort(copy);
      return List.copyOf(copy);
    }
  }

  record Path(long id, Attrs attrs) {
    @Override
    public String toString() {
      return (id == NO_ID ? "" : "#" + id + " ") + attrs;
    }
  }

  private static final Comparator<String> PREFIX_ORDER = Comparator.comparing(Prefix::parse);
  private final TreeMap<String, List<Path>> paths = new TreeMap<>(PREFIX_ORDER);

  static String canonicalPrefix(String text) {
    return Prefix.parse(text).toString();
  }

  void add(String prefix, long id, Attrs attrs) {
    paths.computeIfAbsent(canonicalPrefix(prefix), k -> new ArrayList<>()).add(new Path(id, attrs));
  }

  Set<String> prefixes() {
    return Collections.unmodifiableSet(paths.keySet());
  }

  List<Path> paths(String prefix) {
    return paths.getOrDefault(canonicalPrefix(prefix), List.of());
  }

  boolean contains(String prefix) {
    return paths.containsKey(canonicalPrefix(prefix));
  }

  int prefixCount(boolean ipv6) {
    int n = 0;
    for (String p : paths.keySet()) if (p.contains(":") == ipv6) n++;
    return n;
  }

  int pathCount(boolean ipv6) {
    int n = 0;
    for (Map.Entry<String, List<Path>> e : paths.entrySet()) if (e.getKey().contains(":") == ipv6) n += e.getValue().size();
    return n;
  }

  int pathCount() {
    return pathCount(false) + pathCount(true);
  }

  /** Only the prefixes of one family. */
  RouteTable family(boolean ipv6) {
    RouteTable t = new RouteTable();
    paths.forEach((p, l) -> {
      if (p.contains(":") == ipv6) t.paths.put(p, new ArrayList<>(l));
    });
    return t;
  }

  /** A copy without these prefixes. */
  RouteTable without(Set<String> prefixes) {
    Set<String> drop = new TreeSet<>();
    for (String p : prefixes) drop.add(canonicalPrefix(p));
    RouteTable t = new RouteTable();
    paths.forEach((p, l) -> {
      if (!drop.contains(p)) t.paths.put(p, new ArrayList<>(l));
    });
    return t;
  }

  /** A copy with every path's attributes mapped. */
  RouteTable mapAttrs(UnaryOperator<Attrs> f) {
    RouteTable t = new RouteTable();
    paths.forEach((p, l) -> {
      List<Path> out = new ArrayList<>();
      for (Path x : l) out.add(new Path(x.id, f.apply(x.attrs)));
      t.paths.put(p, out);
    });
    return t;
  }

  /** A copy with every path id removed (for views whose ids one side cannot show). */
  RouteTable withoutIds() {
    RouteTable t = new RouteTable();
    paths.forEach((p, l) -> {
      List<Path> out = new ArrayList<>();
      for (Path x : l) out.add(new Path(NO_ID, x.attrs));
      t.paths.put(p, out);
    });
    return t;
  }

  /**
   * The differences from {@code expected} to {@code actual}, route by route (paths of one prefix compared as a
   * multiset, ids included), as at most {@code maxLines} lines plus totals; empty when equal.
   */
  /** Fails with the first differences (at most 15 lines) unless the two tables hold the same routes. */
  static void assertSameRoutes(String what, RouteTable expected, RouteTable actual) {
    String d = diff(what, expected, actual, 15);
    org.junit.jupiter.api.Assertions.assertTrue(d.isEmpty(), d);
  }

  static String diff(String what, RouteTable expected, RouteTable actual, int maxLines) {
    List<String> lines = new ArrayList<>();
    int missingPrefixes = 0;
    int extraPrefixes = 0;
    int differentPrefixes = 0;
    TreeSet<String> all = new TreeSet<>(PREFIX_ORDER);
    all.addAll(expected.paths.keySet());
    all.addAll(actual.paths.keySet());
    for (String p : all) {
      List<Path> e = expected.paths.get(p);
      List<Path> a = actual.paths.get(p);
      if (a == null) {
        missingPrefixes++;
        lines.add("missing " + p + ": expected " + e);
      } else if (e == null) {
        extraPrefixes++;
        lines.add("unexpected " + p + ": " + a);
      } else if (!sameMultiset(e, a)) {
        differentPrefixes++;
        List<Path> onlyE = minus(e, a);
        List<Path> onlyA = minus(a, e);
        lines.add("differs " + p + ": expected " + e.size() + " paths, got " + a.size() + "; only expected "
            + onlyE + "; only routemill " + onlyA);
      }
    }
    if (lines.isEmpty()) return "";
    StringBuilder sb = new StringBuilder(what).append(": ").append(missingPrefixes).append(" prefixes missing, ")
        .append(extraPrefixes).append(" unexpected, ").append(differentPrefixes).append(" with different paths (")
        .append(expected.paths.size()).append(" prefixes / ").append(expected.pathCount()).append(" paths expected, ")
        .append(actual.paths.size()).append(" / ").append(actual.pathCount()).append(" present)");
    for (int i = 0; i < Math.min(maxLines, lines.size()); i++) sb.append("\n  ").append(lines.get(i));
    if (lines.size() > maxLines) sb.append("\n  … ").append(lines.size() - maxLines).append(" more");
    return sb.toString();
  }

  private static boolean sameMultiset(List<Path> x, List<Path> y) {
    return x.size() == y.size() && minus(x, y).isEmpty();
  }

  private static List<Path> minus(List<Path> x, List<Path> y) {
    List<Path> rest = new ArrayList<>(y);
    List<Path> out = new ArrayList<>();
    for (Path p : x) {
      if (!rest.remove(p)) out.add(p);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteTable t && diff("", this, t, 0).isEmpty();
  }

  @Override
  public int hashCode() {
    return Objects.hash(paths.keySet());
  }

  @Override
  public String toString() {
    return "RouteTable[" + paths.size() + " prefixes, " + pathCount() + " paths]";
  }
}
