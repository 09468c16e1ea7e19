package io.routemill.collector.rib;

/**
 * Sizes of one table: distinct prefixes and paths per address family (they differ only under ADD-PATH), paths
 * marked stale, and UPDATE routes ignored because they were multicast (SAFI 2, not kept).
 */
public record TableCounts(long prefixesIpv4, long pathsIpv4, long prefixesIpv6, long pathsIpv6, long stale,
    long ignoredMulticast) {}
