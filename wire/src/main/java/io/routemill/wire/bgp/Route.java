package io.routemill.wire.bgp;

/**
 * One NLRI entry: a prefix and, where ADD-PATH (RFC 7911) is in effect for its family, the path identifier.
 * {@link #NO_PATH_ID} marks its absence; path ids are unsigned 32-bit values kept in a long.
 */
public record Route(Prefix prefix, long pathId) {
  public static final long NO_PATH_ID = -1;

  public static Route of(Prefix prefix) {
    return new Route(prefix, NO_PATH_ID);
  }

  public boolean hasPathId() {
    return pathId != NO_PATH_ID;
  }
}
