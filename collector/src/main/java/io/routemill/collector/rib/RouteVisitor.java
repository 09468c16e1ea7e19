package io.routemill.collector.rib;

/**
 * Receives the paths of one table from {@link Rib#forEachRoute}, in (prefix, path id) order. The prefix is in
 * {@link PrefixKeys}' primitive form; {@code attributes} are the interned canonical bytes
 * ({@link CanonicalAttributes}: a TABLE_DUMP_V2 RIB entry's attribute field), shared, not to be modified.
 */
@FunctionalInterface
public interface RouteVisitor {
  /**
   * @param afi {@link io.routemill.wire.bgp.AfiSafi#AFI_IPV4} or {@code AFI_IPV6}
   * @param pathId the ADD-PATH path id (unsigned 32-bit), or {@link io.routemill.wire.bgp.Route#NO_PATH_ID}
   * @param receivedAtSeconds when the path was last announced, epoch seconds
   * @param stale whether the path is marked stale by graceful restart
   * @param corrections the router-quirk corrections made to the path
   *     ({@link io.routemill.collector.rib.Correction#of})
   */
  void visit(int afi, long addressHigh, long addressLow, int length, long pathId, int attributeId,
      byte[] attributes, long receivedAtSeconds, boolean stale, int corrections);
}
