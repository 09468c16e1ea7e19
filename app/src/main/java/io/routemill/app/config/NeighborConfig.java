package io.routemill.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * One entry of {@code bgp.neighbors}, read by a reader of its own, so its unknown keys and bad values are
 * reported as {@code bgp.neighbors[1].remoteAs} with their line.
 *
 * <pre>
 *     - address: 127.0.0.5
 *       remoteAs: 65005     # or [65005, 65006], or any
 *       description: "..."
 *       password: secret    # TCP MD5 (needs Linux epoll)
 *       maxPrefixes: 2000000
 *       connect: false      # also dial address:port
 *       port: 179
 *       role: rs            # our RFC 9234 role: provider, rs, rs-client, customer, peer
 * </pre>
 *
 * @param address the neighbour's IPv4 or IPv6 address (required), as written
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

  private static final long ANY = 0; // AS 0 is reserved (RFC 7607): free to stand for "any" while reading
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";

  /**
   * An IP literal only: a host name would need DNS at start-up and could change under a running session.
   * Octets have no leading zeros: {@code 010} is 8 to some parsers and 10 to others.
   */
  private static final Conversion<String> ADDRESS = v -> {
    if (v.raw() instanceof String s && (s.matches(IPV4) || s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+"))) {
      try {
        InetAddress.getByName(s); // a literal: parsed, never looked up
        return s;
      } catch (UnknownHostException e) {
        // falls through to the error
      }
    }
    throw v.error("must be the neighbour's IPv4 or IPv6 address, got " + Scalars.describe(v.raw()));
  };
  private static final Conversion<Long> AS = Scalars.integer(1, 0xFFFFFFFFL);
  private static final Conversion<Long> AS_OR_ANY =
      v -> v.raw() instanceof String s && s.trim().equalsIgnoreCase("any") ? ANY : AS.convert(v);
  private static final Conversion<String> PASSWORD = Scalars.TEXT.check(
      p -> p.length() <= 80 && p.chars().allMatch(c -> c >= 0x20 && c < 0x7F),
      p -> "must be 1 to 80 printable ASCII characters (TCP_MD5SIG_MAXKEYLEN)");
  private static final Conversion<String> ROLE = Scalars.oneOf(List.of("provider", "rs", "rs-client", "customer",
      "peer", "none"));

  public NeighborConfig {
    remoteAs = List.copyOf(remoteAs);
  }

  static NeighborConfig read(ConfigReader r) throws ConfigException {
    String address = r.value("address", null, ADDRESS);
    if (address == null) throw r.error("address", "required: the neighbour's IPv4 or IPv6 address");
    List<Long> remoteAs = r.list("remoteAs", null, AS_OR_ANY);
    if (remoteAs == null) throw r.error("remoteAs", "required: an AS number, a list of them, or any");
    if (remoteAs.isEmpty()) throw r.error("remoteAs", "an empty list accepts nobody; write any for any AS");
    if (remoteAs.contains(ANY)) {
      if (remoteAs.size() > 1) throw r.error("remoteAs", "any accepts every AS: list AS numbers or write any");
      remoteAs = List.of();
    }
    String description = r.value("description", null, Scalars.TEXT);
    String password = r.value("password", null, PASSWORD);
    long maxPrefixes = r.longInteger("maxPrefixes", 0, 0, Long.MAX_VALUE);
    boolean connect = r.bool("connect", false);
    int port = r.integer("port", 179, 1, 65535);
    String role = r.value("role", "none", ROLE);
    return new NeighborConfig(address, remoteAs, description, password, maxPrefixes, connect, port,
        role.equals("none") ? null : role);
  }

  /** The address parsed (a literal, checked when read). */
  public InetAddress inetAddress() {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bgp neighbour address " + address, e);
    }
  }

  @Override
  public String toString() { // never log passwords
    return address + " AS " + (remoteAs.isEmpty() ? "any" : remoteAs) + (password == null ? "" : " md5")
        + (connect ? " connect:" + port : "");
  }
}
