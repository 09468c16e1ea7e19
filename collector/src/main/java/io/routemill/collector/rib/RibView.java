package io.routemill.collector.rib;

/**
 * Which routing table of a monitored peer a route belongs to: the BMP views of RFC 7854 (Adj-RIB-In pre and
 * post policy), RFC 8671 (Adj-RIB-Out pre and post policy) and RFC 9069 (Loc-RIB). Routes learned over a
 * direct BGP session are {@link #ADJ_IN_PRE}.
 */
public enum RibView {
  ADJ_IN_PRE("adj-in-pre"),
  ADJ_IN_POST("adj-in-post"),
  ADJ_OUT_PRE("adj-out-pre"),
  ADJ_OUT_POST("adj-out-post"),
  LOC_RIB("loc-rib");

  private final String label;

  RibView(String label) {
    this.label = label;
  }

  /** The name used in the API and the config: {@code adj-in-pre}, …, {@code loc-rib}. */
  public String label() {
    return label;
  }

  /** The view with that label, or null. */
  public static RibView fromLabel(String label) {
    for (RibView v : values()) {
      if (v.label.equals(label)) return v;
    }
    return null;
  }
}
