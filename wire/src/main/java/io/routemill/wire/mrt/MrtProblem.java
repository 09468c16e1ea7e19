package io.routemill.wire.mrt;

/**
 * A problem met while reading MRT: where (source name and byte offset in the uncompressed stream), what
 * record it concerned (type/subtype, -1 when unknown) and why. {@code skipped} tells whether data was lost
 * (a record or part of one not printed) or only a remark was made.
 */
public record MrtProblem(String source, long offset, int type, int subtype, String reason, boolean skipped) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(source).append(": byte ").append(offset);
    if (type >= 0) sb.append(": MRT type ").append(type).append('/').append(subtype);
    return sb.append(": ").append(reason).toString();
  }
}
