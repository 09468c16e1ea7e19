package io.routemill.collector.ingest;

/** What {@link Ingest#apply} did with an event; for UPDATEs, the RFC 7606 decision. */
public enum Outcome {
  /** Applied to the RIB and published. */
  APPLIED,
  /** An UPDATE with an attribute discarded (RFC 7606 §2 attribute discard): applied without it, published. */
  ATTRIBUTE_DISCARDED,
  /** An UPDATE treated as withdrawal (RFC 7606 §2): every prefix it carries withdrawn, published. */
  TREATED_AS_WITHDRAW,
  /**
   * An UPDATE worse than treat-as-withdraw (its NLRI cannot be trusted): neither applied nor published, so nothing
   * is ever half-applied. A BGP session resets instead (RFC 7606 §2); a BMP station counts it and goes on.
   */
  REJECTED;

  /** The error-counter name for outcomes other than {@link #APPLIED}. */
  public String kind() {
    return switch (this) {
      case APPLIED -> "applied";
      case ATTRIBUTE_DISCARDED -> "attribute-discard";
      case TREATED_AS_WITHDRAW -> "treat-as-withdraw";
      case REJECTED -> "malformed-update";
    };
  }
}
