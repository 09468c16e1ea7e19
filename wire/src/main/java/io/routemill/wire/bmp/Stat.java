package io.routemill.wire.bmp;

import io.routemill.wire.bgp.WireText;
import java.util.Arrays;

/**
 * One statistic of a Statistics Report (RFC 7854 §4.8; types 14-17 RFC 8671 §5; IANA "BMP Statistics Types").
 * Types 0-6 and 11-13 are 32-bit counters, 7, 8, 14 and 15 64-bit gauges, 9, 10, 16 and 17 64-bit gauges for one
 * AFI (2) / SAFI (1). Any other type (vendor types such as FRR's 65531, newer registrations) and a known type
 * whose length is not the one its kind requires are kept {@link Kind#RAW}: {@code data} holds the value bytes,
 * {@code value} is 0. For the other kinds {@code data} is empty; {@code afi}/{@code safi} are -1 unless the kind
 * is {@link Kind#FAMILY_GAUGE}. Do not modify {@code data}.
 */
public record Stat(int type, Kind kind, int afi, int safi, long value, byte[] data) {
  public static final int PREFIXES_REJECTED = 0;
  public static final int DUPLICATE_PREFIXES = 1;
  public static final int DUPLICATE_WITHDRAWS = 2;
  public static final int CLUSTER_LIST_LOOP = 3;
  public static final int AS_PATH_LOOP = 4;
  public static final int ORIGINATOR_ID_LOOP = 5;
  public static final int AS_CONFED_LOOP = 6;
  public static final int ADJ_RIB_IN_ROUTES = 7;
  public static final int LOC_RIB_ROUTES = 8;
  public static final int ADJ_RIB_IN_ROUTES_PER_FAMILY = 9;
  public static final int LOC_RIB_ROUTES_PER_FAMILY = 10;
  public static final int UPDATES_TREATED_AS_WITHDRAW = 11;
  public static final int PREFIXES_TREATED_AS_WITHDRAW = 12;
  public static final int DUPLICATE_UPDATES = 13;
  public static final int PRE_POLICY_ADJ_RIB_OUT_ROUTES = 14;
  public static final int POST_POLICY_ADJ_RIB_OUT_ROUTES = 15;
  public static final int PRE_POLICY_ADJ_RIB_OUT_ROUTES_PER_FAMILY = 16;
  public static final int POST_POLICY_ADJ_RIB_OUT_ROUTES_PER_FAMILY = 17;

  private static final byte[] NONE = new byte[0];

  /** How the value is encoded: its length is {@link #length()}. */
  public enum Kind {
    COUNTER(4), GAUGE(8), FAMILY_GAUGE(11), RAW(-1);

    final int length;

    Kind(int length) {
      this.length = length;
    }
  }

  public Stat {
    if (type < 0 || type > 0xFFFF) throw new IllegalArgumentException("stat type " + type);
    if (kind == Kind.RAW ? data.length > 0xFFFF : data.length != 0) {
      throw new IllegalArgumentException("stat data of " + data.length + " bytes for " + kind);
    }
  }

  /** The kind the registry gives {@code type}; RAW for types it does not list. */
  public static Kind kindOf(int type) {
    if (type <= 6 || (type >= 11 && type <= 13)) return Kind.COUNTER;
    if (type == 7 || type == 8 || type == 14 || type == 15) return Kind.GAUGE;
    if (type == 9 || type == 10 || type == 16 || type == 17) return Kind.FAMILY_GAUGE;
    return Kind.RAW;
  }

  public static Stat counter(int type, long value) {
    return new Stat(type, Kind.COUNTER, -1, -1, value & 0xFFFFFFFFL, NONE);
  }

  public static Stat gauge(int type, long value) {
    return new Stat(type, Kind.GAUGE, -1, -1, value, NONE);
  }

  public static Stat familyGauge(int type, int afi, int safi, long value) {
    return new Stat(type, Kind.FAMILY_GAUGE, afi, safi, value, NONE);
  }

  public static Stat raw(int type, byte[] data) {
    return new Stat(type, Kind.RAW, -1, -1, 0, data);
  }

  /** The length of the value on the wire. */
  public int length() {
    return kind == Kind.RAW ? data.length : kind.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stat s && s.type == type && s.kind == kind && s.afi == afi && s.safi == safi
        && s.value == value && Arrays.equals(s.data, data);
  }

  @Override
  public int hashCode() {
    return ((type * 31 + kind.hashCode()) * 31 + Long.hashCode(value)) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Stat[" + type + " " + kind + (afi >= 0 ? " " + afi + "/" + safi : "")
        + (kind == Kind.RAW ? " " + WireText.hex(data) : " " + Long.toUnsignedString(value)) + "]";
  }
}
