package io.routemill.app.config;

import java.util.List;

/**
 * One entry of {@code bgp.neighbors}.
 *
 * @param address the neighbour's IPv4 or IPv6 address (required)
 * @param remoteAs accepted AS numbers; empty = any AS ({@code remoteAs: any}, route-server style setups)
 * @param description free text shown by {@code /api/v1/peers}, or null
 * @param password TCP MD5 key (RFC 2385), or null
 * @param maxPrefixes paths accepted before Cease/Maximum Number of Prefixes Reached; 0 = no limit
 * @param connect also connect actively to {@code address:port}
 * @param port the neighbour's BGP port for active connects; default 179
 * @param role the collector's RFC 9234 role on this session ({@code provider, rs, rs-client, customer, peer}), or null
 */
public record NeighborConfig(String address, List<Long> remoteAs, String description, String password,
    long maxPrefixes, boolean connect, int port, String role) {
  public NeighborConfig {
    remoteAs = List.copyOf(remoteAs);
  }
}
