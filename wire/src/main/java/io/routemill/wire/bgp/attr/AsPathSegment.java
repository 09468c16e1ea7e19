package io.routemill.wire.bgp.attr;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * One AS_PATH / AS4_PATH segment (RFC 4271 §4.3, RFC 5065 §3): type and unsigned 32-bit AS numbers in a
 * primitive array (the MRT printer walks millions of these). Do not modify {@code asns}.
 */
public record AsPathSegment(int type, long[] asns) {
  public static final int AS_SET = 1;
  public static final int AS_SEQUENCE = 2;
  public static final int AS_CONFED_SEQUENCE = 3;
  public static final int AS_CONFED_SET = 4;

  public static AsPathSegment sequence(long... asns) {
    return new AsPathSegment(AS_SEQUENCE, asns);
  }

  public static AsPathSegment set(long... asns) {
    return new AsPathSegment(AS_SET, asns);
  }

  public boolean isConfed() {
    return type == AS_CONFED_SEQUENCE || type == AS_CONFED_SET;
  }

  /** Path length contribution for best-path selection (RFC 4271 §9.1.2.2 a): a set counts 1, confed 0. */
  public int hopCount() {
    return isConfed() ? 0 : type == AS_SET ? 1 : asns.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AsPathSegment s && s.type == type && Arrays.equals(s.asns, asns);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(asns);
  }

  @Override
  public String toString() {
    return (type == AS_SEQUENCE ? "SEQ" : type == AS_SET ? "SET" : type == AS_CONFED_SEQUENCE ? "CSEQ" : "CSET")
        + Arrays.toString(asns);
  }

  /**
   * A path in bgpdump's notation, which the API, the archives' readers and the tests share: sequences
   * space-separated, {@code {a,b}} sets, {@code (a b)} confederation sequences, {@code [a,b]} confederation sets.
   */
  public static String toText(List<AsPathSegment> segments) {
    StringBuilder sb = new StringBuilder(64);
    for (AsPathSegment s : segments) {
      long[] asns = s.asns();
      if (sb.length() > 0) sb.append(' ');
      String open;
      String sep;
      String close;
      switch (s.type()) {
        case AsPathSegment.AS_SET:
          open = "{"; sep = ","; close = "}";
          break;
        case AsPathSegment.AS_CONFED_SEQUENCE:
          open = "("; sep = " "; close = ")";
          break;
        case AsPathSegment.AS_CONFED_SET:
          open = "["; sep = ","; close = "]";
          break;
        default:
          open = ""; sep = " "; close = "";
      }
      sb.append(open);
      for (int i = 0; i < asns.length; i++) {
        if (i > 0) sb.append(sep);
        sb.append(asns[i]);
      }
      sb.append(close);
    }
    return sb.toString();
  }

  /**
   * The origin AS of a path, the one rule every output shares: the last AS number when the path ends in a
   * non-empty AS_SEQUENCE; empty for an absent ({@code null}) or empty path and for a path ending in an AS_SET or a
   * confederation segment (an aggregate's origin is not one AS).
   */
  public static OptionalLong originAs(List<AsPathSegment> segments) {
    if (segments == null || segments.isEmpty()) return OptionalLong.empty();
    AsPathSegment last = segments.get(segments.size() - 1);
    if (last.type() != AS_SEQUENCE || last.asns().length == 0) return OptionalLong.empty();
    return OptionalLong.of(last.asns()[last.asns().length - 1]);
  }
}
