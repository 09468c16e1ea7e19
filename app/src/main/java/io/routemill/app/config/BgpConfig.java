package io.routemill.app.config;

import io.routemill.collector.speaker.BgpSpeakerConfig;
import io.routemill.collector.speaker.Neighbor;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code bgp:} — the passive BGP collector: neighbours open sessions to it (or it dials them) and it never
 * announces a route. The listener runs only when at least one neighbour is configured.
 *
 * <pre>
 * bgp:
 *   port: 1179              # 179 where permitted
 *   host: 0.0.0.0
 *   localAs: 65500          # required with neighbours; 4-octet ASes allowed
 *   routerId: 192.0.2.100   # required with neighbours
 *   holdTime: 90            # 0 or 3..65535
 *   connectRetry: 30        # seconds between active connects
 *   restartTime: 120        # our Graceful Restart capability's restart time
 *   staleTime: 360          # how long stale routes of a restarted peer wait for its End-of-RIB
 *   neighbors:              # see NeighborConfig
 *     - address: 127.0.0.5
 *       remoteAs: 65005
 * </pre>
 *
 * @param localAs 0 when not configured (AS 0 is reserved, RFC 7607, so it cannot be a real value)
 * @param routerId null when not configured
 */
public record BgpConfig(int port, String host, long localAs, String routerId, int holdTime, int connectRetry,
    int restartTime, int staleTime, List<NeighborConfig> neighbors) {
  public static final BgpConfig DEFAULTS = new BgpConfig(1179, "0.0.0.0", 0, null, 90, 30, 120, 360, List.of());

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
  private static final Conversion<String> ROUTER_ID = Scalars.STRING
      .check(s -> s.matches(OCTET + "(\\." + OCTET + "){3}"),
          s -> "must be a dotted-quad IPv4 address such as 192.0.2.100, got \"" + s + "\"")
      .check(s -> !s.equals("0.0.0.0"), s -> "must not be 0.0.0.0 (RFC 6286)");
  private static final Conversion<Integer> HOLD_TIME = Scalars.integer(0, 65535)
      .check(h -> h != 1 && h != 2, h -> "must be 0 or at least 3 (RFC 4271 §4.2), got " + h)
      .map(Long::intValue);

  public BgpConfig {
    neighbors = List.copyOf(neighbors);
  }

  static BgpConfig read(ConfigReader r) throws ConfigException {
    int port = r.port("port", DEFAULTS.port);
    String host = r.string("host", DEFAULTS.host);
    long localAs = r.longInteger("localAs", DEFAULTS.localAs, 1, 0xFFFFFFFFL);
    String routerId = r.value("routerId", DEFAULTS.routerId, ROUTER_ID);
    int hold = r.value("holdTime", DEFAULTS.holdTime, HOLD_TIME);
    int retry = r.integer("connectRetry", DEFAULTS.connectRetry, 1, 86400);
    int restart = r.integer("restartTime", DEFAULTS.restartTime, 0, 4095); // 12 bits in the capability
    int stale = r.integer("staleTime", DEFAULTS.staleTime, 1, 86400);
    List<NeighborConfig> neighbors = r.sections("neighbors", DEFAULTS.neighbors, NeighborConfig::read);
    Set<InetAddress> seen = new HashSet<>(); // 10.0.0.1 and 2001:db8::1 / 2001:DB8:0::1 compared as addresses
    for (int i = 0; i < neighbors.size(); i++) {
      if (!seen.add(neighbors.get(i).inetAddress())) {
        throw r.error("neighbors[" + i + "].address", neighbors.get(i).address() + " is listed twice");
      }
    }
    if (!neighbors.isEmpty() && localAs == 0) throw r.error("localAs", "required when neighbours are configured");
    if (!neighbors.isEmpty() && routerId == null) throw r.error("routerId", "required when neighbours are configured");
    return new BgpConfig(port, host, localAs, routerId, hold, retry, restart, stale, neighbors);
  }

  /** Whether the listener runs: only with neighbours (every other connection would be refused anyway). */
  public boolean enabled() {
    return !neighbors.isEmpty();
  }

  public BgpConfig withPort(int p) {
    return new BgpConfig(p, host, localAs, routerId, holdTime, connectRetry, restartTime, staleTime, neighbors);
  }

  /** The collector's speaker configuration (call only when {@link #enabled()}). */
  public BgpSpeakerConfig toSpeakerConfig() {
    List<Neighbor> ns = new ArrayList<>();
    for (NeighborConfig n : neighbors) {
      int role = n.role() == null ? Neighbor.NO_ROLE : Neighbor.roleOf(n.role());
      ns.add(new Neighbor(n.inetAddress(), new LinkedHashSet<>(n.remoteAs()), n.description(), n.password(),
          n.maxPrefixes(), n.connect(), n.port(), role));
    }
    return new BgpSpeakerConfig(host, port, localAs, BgpSpeakerConfig.parseRouterId(routerId), holdTime,
        connectRetry, restartTime, staleTime, ns);
  }

  @Override
  public String toString() { // never log passwords
    return "BgpConfig[port=" + port + ", host=" + host + ", localAs=" + localAs + ", routerId=" + routerId
        + ", holdTime=" + holdTime + ", neighbors=" + neighbors + "]";
  }
}
