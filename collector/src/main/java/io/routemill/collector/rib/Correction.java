package io.routemill.collector.rib;

/**
 * What routemill changed or assumed in a route a router reported, so every output (API, Parquet, live stream) can
 * say so. Each is a known router quirk; the station counts them per router under the same name.
 */
public enum Correction {
  /**
   * FRR 8.x prepends the router's own AS to every Adj-RIB-In path it reports over BMP; routemill removed it (eBGP
   * peers only, and only while every route of the peer carries it).
   */
  OWN_AS_REMOVED("own-as-removed"),
  /**
   * The UPDATE only decoded with the opposite ADD-PATH setting to the one the Peer Up's OPENs negotiated (GoBGP's
   * post-policy and Loc-RIB views carry no path ids); it was read that way.
   */
  ADD_PATH_FLIPPED("add-path-flipped"),
  /**
   * A post-policy or Loc-RIB route without NEXT_HOP (6WIND, FRR): recorded as reported instead of treated as
   * withdrawn (RFC 7606 §3 protects a speaker's RIB; a monitoring station mirrors the router's table).
   */
  MISSING_NEXT_HOP_KEPT("missing-next-hop-kept");

  private final String label;

  Correction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The bit of this correction in {@link #bits}. */
  public int bit() {
    return 1 << ordinal();
  }

  /** Corrections as a bit set (the RIB keeps them in two bits per path, the archive as a list). */
  public static int bits(java.util.Set<Correction> set) {
    int b = 0;
    for (Correction c : set) b |= c.bit();
    return b;
  }

  /** The corrections of a bit set, in declaration order; one shared immutable set per combination. */
  public static java.util.Set<Correction> of(int bits) {
    return Sets.ALL.get(bits & (Sets.ALL.size() - 1));
  }

  /** Every combination, built once (a holder: enum constants must exist before values() is read). */
  private static final class Sets {
    static final java.util.List<java.util.Set<Correction>> ALL;

    static {
      java.util.List<java.util.Set<Correction>> all = new java.util.ArrayList<>();
      for (int bits = 0; bits < 1 << values().length; bits++) {
        java.util.EnumSet<Correction> s = java.util.EnumSet.noneOf(Correction.class);
        for (Correction c : values()) {
          if ((bits & c.bit()) != 0) s.add(c);
        }
        all.add(bits == 0 ? java.util.Set.of() : java.util.Collections.unmodifiableSet(s));
      }
      ALL = java.util.List.copyOf(all);
    }
  }
}
