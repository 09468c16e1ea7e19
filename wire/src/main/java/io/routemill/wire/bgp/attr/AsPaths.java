package io.routemill.wire.bgp.attr;

import java.util.ArrayList;
import java.util.List;

/** AS_PATH / AS4_PATH reconstruction of RFC 6793 §4.2.3. */
final class AsPaths {
  static final long AS_TRANS = 23456;

  private AsPaths() {}

  static int hopCount(List<AsPathSegment> segments) {
    int n = 0;
    for (AsPathSegment s : segments) n += s.hopCount();
    return n;
  }

  /**
   * Keeps as many leading hops of {@code asPath} as it has more than {@code as4Path} and appends AS4_PATH.
   * Confederation segments are not counted; those leading or next to a kept segment are kept (§4.2.3), and
   * confederation segments in AS4_PATH are dropped (§6: they must not be there). When AS4_PATH is longer
   * than AS_PATH, AS_PATH is returned unchanged.
   */
  static List<AsPathSegment> merge(List<AsPathSegment> asPath, List<AsPathSegment> as4Path) {
    List<AsPathSegment> as4 = new ArrayList<>(as4Path.size());
    for (AsPathSegment s : as4Path) {
      if (!s.isConfed()) as4.add(s);
    }
    int n2 = hopCount(asPath);
    int n4 = hopCount(as4);
    if (n2 < n4) return asPath;
    int need = n2 - n4;
    List<AsPathSegment> out = new ArrayList<>(asPath.size() + as4.size());
    for (AsPathSegment s : asPath) {
      if (s.isConfed()) {
        out.add(s);
        continue;
      }
      if (need == 0) break;
      if (s.type() == AsPathSegment.AS_SET) {
        out.add(s);
        need--;
      } else {
        int take = Math.min(need, s.asns().length);
        out.add(take == s.asns().length ? s : new AsPathSegment(s.type(), java.util.Arrays.copyOf(s.asns(), take)));
        need -= take;
      }
    }
    for (AsPathSegment s : as4) {
      int last = out.size() - 1;
      if (last >= 0 && out.get(last).type() == AsPathSegment.AS_SEQUENCE && s.type() == AsPathSegment.AS_SEQUENCE) {
        // Join the kept head and the AS4 tail into one sequence, as if the path had been 4-octet all along.
        long[] a = out.get(last).asns();
        long[] joined = java.util.Arrays.copyOf(a, a.length + s.asns().length);
        System.arraycopy(s.asns(), 0, joined, a.length, s.asns().length);
        out.set(last, new AsPathSegment(AsPathSegment.AS_SEQUENCE, joined));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
