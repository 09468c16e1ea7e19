package io.routemill.publisher.archive;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a file of a given length, after RFC 9110 §14.1–14.2:
 * <ul>
 *   <li>{@link Kind#WHOLE}: the header is ignored (200, the whole file): no header, another unit, a list of ranges,
 *       or anything that is not one syntactically valid {@code bytes} range ({@code bytes=5-2}, {@code bytes=abc});
 *   <li>{@link Kind#PART}: a 206 of {@code first..last} (inclusive), the last position clipped to the file's end;
 *   <li>{@link Kind#UNSATISFIABLE}: a 416, when the first position is at or past the end, for {@code bytes=-0}, and
 *       for any range of an empty file.
 * </ul>
 * Positions are digits of any length: a number too large for a long is still a valid position (§14.1.1 puts no
 * bound on them), read as {@link Long#MAX_VALUE}, so {@code bytes=0-HUGE} is the whole file from 0,
 * {@code bytes=HUGE-} is unsatisfiable and {@code bytes=-HUGE} is the whole file.
 */
record ByteRange(Kind kind, long first, long last) {
  enum Kind { WHOLE, PART, UNSATISFIABLE }

  private static final Pattern SINGLE = Pattern.compile("bytes=[ \t]*([0-9]*)-([0-9]*)[ \t]*");
  private static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, -1, -1);
  private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, -1, -1);

  /** @param header the {@code Range} header, or null */
  static ByteRange of(String header, long size) {
    if (header == null) return WHOLE;
    Matcher m = SINGLE.matcher(header.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return WHOLE;
    if (m.group(1).isEmpty()) { // suffix-range: the last N bytes, the whole file when N is larger
      long n = position(m.group(2));
      return n == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Kind.PART, Math.max(0, size - n), size - 1);
    }
    long first = position(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : position(m.group(2));
    if (last < first) return WHOLE; // an invalid range-spec: ignored (§14.2)
    if (first >= size) return UNSATISFIABLE;
    return new ByteRange(Kind.PART, first, Math.min(last, size - 1));
  }

  /** The bytes the range covers. */
  long length() {
    return last - first + 1;
  }

  /** Decimal digits as a long, saturating at {@link Long#MAX_VALUE}. */
  private static long position(String digits) {
    long v = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) return Long.MAX_VALUE;
      v = v * 10 + d;
    }
    return v;
  }
}
