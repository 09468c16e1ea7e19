package io.routemill.archiver.parquet;

import org.apache.parquet.io.api.Binary;

/**
 * One row of the {@code routes} or {@code updates} table, mutable and reused: the writer fills it and hands it
 * to {@link RouteParquetWriter#write}. Nullable numbers use -1 for null (none of them can be negative).
 */
public final class RouteRow {
  public static final Binary ANNOUNCE = AttributeColumns.utf8("A");
  public static final Binary WITHDRAW = AttributeColumns.utf8("W");
  public static final Binary STATE = AttributeColumns.utf8("STATE");

  public long timestampMicros;
  public Binary collector;
  public Binary router;
  public Binary peerAddress;
  public long peerAsn;
  /** Null when unknown. */
  public Binary peerBgpId;
  public Binary view;
  public int afi;
  /** Updates table only: {@link #ANNOUNCE}, {@link #WITHDRAW} or {@link #STATE}. */
  public Binary type;
  /** Null for STATE rows. */
  public Binary prefix;
  public Binary prefixAddress;
  public int prefixLength = -1;
  /** ADD-PATH path id, or -1 without ADD-PATH. */
  public long pathId = -1;
  /** Null for withdrawals and state changes. */
  public AttributeColumns attributes;
  /** Whether the route's next hop is MP_REACH_NLRI's (routes carried in it, RIB entries that have one). */
  public boolean mpNextHop;
  /** STATE rows: RFC 4271 FSM states; -1 otherwise. */
  public int oldState = -1;
  public int newState = -1;
  /** Routes and announcements: what routemill corrected ({@link CorrectionColumn}); null for W and STATE rows. */
  public Binary[] corrections;

  /** Clears the per-route fields (prefix, path id, attributes, states), keeping the session's. */
  public void clearRoute() {
    type = null;
    prefix = null;
    prefixAddress = null;
    prefixLength = -1;
    pathId = -1;
    attributes = null;
    mpNextHop = false;
    oldState = -1;
    newState = -1;
    corrections = null;
  }
}
