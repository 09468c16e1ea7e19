package io.routemill.collector.speaker;

import io.routemill.wire.bgp.capability.RoleCapability;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One configured BGP neighbour of the collector.
 *
 * @param address the neighbour's address; connections from any other address are refused
 * @param remoteAs the AS numbers accepted in its OPEN; empty means any AS (route-server style setups)
 * @param description free text for the API, may be null
 * @param password TCP MD5 signature key (RFC 2385), or null
 * @param maxPrefixes paths (prefix + path id) accepted before Cease/Maximum Number of Prefixes Reached; 0 = no limit
 * @param connect whether the collector also connects actively (to {@code port}); it always accepts connections
 * @param port the neighbour's BGP port for active connects (179 normally)
 * @param role the collector's own RFC 9234 role on this session ({@link RoleCapability} numbering), or -1 for none
 */
public record Neighbor(InetAddress address, Set<Long> remoteAs, String description, String password,
    long maxPrefixes, boolean connect, int port, int role) {
  public static final int NO_ROLE = -1;

  public Neighbor {
    Objects.requireNonNull(address, "address");
    remoteAs = Set.copyOf(remoteAs);
    for (long as : remoteAs) {
      if (as < 1 || as > 0xFFFFFFFFL) throw new IllegalArgumentException("AS " + as + " out of range");
    }
    if (maxPrefixes < 0) throw new IllegalArgumentException("maxPrefixes " + maxPrefixes);
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port);
    if (role < NO_ROLE || role > RoleCapability.PEER) throw new IllegalArgumentException("role " + role);
  }

  /** A passive neighbour with one AS and nothing else configured. */
  public static Neighbor of(InetAddress address, long remoteAs) {
    return new Neighbor(address, Set.of(remoteAs), null, null, 0, false, 179, NO_ROLE);
  }

  public boolean acceptsAs(long as) {
    return remoteAs.isEmpty() || remoteAs.contains(as);
  }

  public Neighbor withPassword(String pw) {
    return new Neighbor(address, remoteAs, description, pw, maxPrefixes, connect, port, role);
  }

  public Neighbor withMaxPrefixes(long max) {
    return new Neighbor(address, remoteAs, description, password, max, connect, port, role);
  }

  public Neighbor withConnect(boolean c, int p) {
    return new Neighbor(address, remoteAs, description, password, maxPrefixes, c, p, role);
  }

  public Neighbor withRole(int r) {
    return new Neighbor(address, remoteAs, description, password, maxPrefixes, connect, port, r);
  }

  /** The RFC 9234 role number of a config name ({@code provider, rs, rs-client, customer, peer}), or -2 if unknown. */
  public static int roleOf(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "provider": return RoleCapability.PROVIDER;
      case "rs": return RoleCapability.RS;
      case "rs-client": return RoleCapability.RS_CLIENT;
      case "customer": return RoleCapability.CUSTOMER;
      case "peer": return RoleCapability.PEER;
      case "none": return NO_ROLE;
      default: return -2;
    }
  }

  public static String roleName(int role) {
    switch (role) {
      case RoleCapability.PROVIDER: return "provider";
      case RoleCapability.RS: return "rs";
      case RoleCapability.RS_CLIENT: return "rs-client";
      case RoleCapability.CUSTOMER: return "customer";
      case RoleCapability.PEER: return "peer";
      default: return "role-" + role;
    }
  }

  /** RFC 9234 §4.2 Table 2: the role the other side must have when we have {@code local}. */
  public static int expectedPeerRole(int local) {
    switch (local) {
      case RoleCapability.PROVIDER: return RoleCapability.CUSTOMER;
      case RoleCapability.CUSTOMER: return RoleCapability.PROVIDER;
      case RoleCapability.RS: return RoleCapability.RS_CLIENT;
      case RoleCapability.RS_CLIENT: return RoleCapability.RS;
      case RoleCapability.PEER: return RoleCapability.PEER;
      default: return NO_ROLE;
    }
  }

  @Override
  public String toString() {
    return "Neighbor[" + address.getHostAddress() + " AS " + (remoteAs.isEmpty() ? "any" : remoteAs)
        + (description == null ? "" : " \"" + description + "\"") + (password == null ? "" : " md5")
        + (maxPrefixes > 0 ? " max " + maxPrefixes : "") + (connect ? " connect:" + port : "")
        + (role >= 0 ? " role " + roleName(role) : "") + "]";
  }
}
