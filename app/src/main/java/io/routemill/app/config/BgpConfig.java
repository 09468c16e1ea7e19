package io.routemill.app.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *   neighbors:
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
 * <p>The section is read by {@link #parse} from the YAML tree (ConfigReader has no list or unsigned 32-bit
 * getters); {@code --bgp-port} goes through the usual flag reader.
 */
public record BgpConfig(int port, String host, long localAs, String routerId, int holdTime, int connectRetry,
    int restartTime, int staleTime, List<NeighborConfig> neighbors) {
  public static final BgpConfig DEFAULTS = new BgpConfig(1179, "0.0.0.0", 0, null, 90, 30, 120, 360, List.of());

  private static final Set<String> KEYS = Set.of("port", "host", "localAs", "routerId", "holdTime", "connectRetry",
      "restartTime", "staleTime", "neighbors");
  private static final Set<String> NEIGHBOR_KEYS = Set.of("address", "remoteAs", "description", "password",
      "maxPrefixes", "connect", "port", "role");

  public BgpConfig {
    neighbors = List.copyOf(neighbors);
  }

  /** Whether the listener runs: only with neighbours (every other connection would be refused anyway). */
  public boolean enabled() {
    return !neighbors.isEmpty();
  }

  public BgpConfig withPort(int p) {
    return new BgpConfig(p, host, localAs, routerId, holdTime, connectRetry, restartTime, staleTime, neighbors);
  }

  /** The collector's speaker configuration (call only when {@link #enabled()}). */
  public io.routemill.collector.speaker.BgpSpeakerConfig toSpeakerConfig() {
    List<io.routemill.collector.speaker.Neighbor> ns = new ArrayList<>();
    for (NeighborConfig n : neighbors) {
      InetAddress address;
      try {
        address = InetAddress.getByName(n.address());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bgp neighbour address " + n.address(), e);
      }
      int role = n.role() == null ? io.routemill.collector.speaker.Neighbor.NO_ROLE
          : io.routemill.collector.speaker.Neighbor.roleOf(n.role());
      ns.add(new io.routemill.collector.speaker.Neighbor(address, new LinkedHashSet<>(n.remoteAs()), n.description(),
          n.password(), n.maxPrefixes(), n.connect(), n.port(), role));
    }
    return new io.routemill.collector.speaker.BgpSpeakerConfig(host, port, localAs,
        io.routemill.collector.speaker.BgpSpeakerConfig.parseRouterId(routerId), holdTime, connectRetry, restartTime,
        staleTime, ns);
  }

  /** The flag-settable part ({@code --bgp-port}); -1 when not given. */
  static BgpConfig readFlags(ConfigReader r) throws ConfigException {
    return DEFAULTS.withPort(r.integer("port", -1, 0, 65535));
  }

  /** Takes the {@code bgp:} sections out of the YAML sources, for {@link #parse} (the flag reader never sees them). */
  static List<Map.Entry<ConfigReader.Source, Object>> take(List<ConfigReader.Source> sources) {
    List<Map.Entry<ConfigReader.Source, Object>> out = new ArrayList<>();
    for (ConfigReader.Source s : sources) {
      if (s.textual() || s.root() == null || !s.root().containsKey("bgp")) continue;
      out.add(new java.util.AbstractMap.SimpleEntry<>(s, s.root().remove("bgp")));
    }
    return out;
  }

  /** The section from its YAML sources (later ones override), then {@code flagPort} when not -1. */
  static BgpConfig parse(List<Map.Entry<ConfigReader.Source, Object>> yaml, int flagPort) throws ConfigException {
    BgpConfig c = DEFAULTS;
    for (Map.Entry<ConfigReader.Source, Object> e : yaml) c = parseOne(e.getKey(), e.getValue(), c);
    if (flagPort >= 0) c = c.withPort(flagPort);
    if (c.enabled()) {
      if (c.localAs == 0) throw new ConfigException("bgp.localAs: required when neighbours are configured");
      if (c.routerId == null) throw new ConfigException("bgp.routerId: required when neighbours are configured");
    }
    return c;
  }

  private static BgpConfig parseOne(ConfigReader.Source src, Object raw, BgpConfig d) throws ConfigException {
    if (raw == null) return d;
    Map<String, Object> m = map(src, "bgp", raw, KEYS);
    int port = (int) number(src, "bgp.port", m.get("port"), d.port, 0, 65535);
    String host = string(src, "bgp.host", m.get("host"), d.host);
    long localAs = number(src, "bgp.localAs", m.get("localAs"), d.localAs, 1, 0xFFFFFFFFL);
    String routerId = string(src, "bgp.routerId", m.get("routerId"), d.routerId);
    if (m.containsKey("routerId") && !routerId.matches("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}")) {
      throw error(src, "bgp.routerId", "must be a dotted-quad IPv4 address such as 192.0.2.100, got \"" + routerId + "\"");
    }
    if ("0.0.0.0".equals(routerId)) throw error(src, "bgp.routerId", "must not be 0.0.0.0 (RFC 6286)");
    int hold = (int) number(src, "bgp.holdTime", m.get("holdTime"), d.holdTime, 0, 65535);
    if (hold == 1 || hold == 2) throw error(src, "bgp.holdTime", "must be 0 or at least 3 (RFC 4271 §4.2), got " + hold);
    int retry = (int) number(src, "bgp.connectRetry", m.get("connectRetry"), d.connectRetry, 1, 86400);
    int restart = (int) number(src, "bgp.restartTime", m.get("restartTime"), d.restartTime, 0, 4095);
    int stale = (int) number(src, "bgp.staleTime", m.get("staleTime"), d.staleTime, 1, 86400);
    List<NeighborConfig> neighbors = d.neighbors;
    if (m.containsKey("neighbors")) {
      Object v = m.get("neighbors");
      if (v == null) {
        neighbors = List.of();
      } else if (!(v instanceof List<?> list)) {
        throw error(src, "bgp.neighbors", "must be a list of neighbours (- address: ...), got " + ConfigReader.describe(v));
      } else {
        neighbors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
          NeighborConfig n = neighbor(src, "bgp.neighbors." + i, list.get(i));
          String canonical;
          try {
            canonical = InetAddress.getByName(n.address()).getHostAddress();
          } catch (UnknownHostException e) {
            throw error(src, "bgp.neighbors." + i + ".address", "not an IP address: " + n.address());
          }
          if (!seen.add(canonical)) throw error(src, "bgp.neighbors." + i + ".address", n.address() + " is listed twice");
          neighbors.add(n);
        }
      }
    }
    return new BgpConfig(port, host, localAs, routerId, hold, retry, restart, stale, neighbors);
  }

  private static NeighborConfig neighbor(ConfigReader.Source src, String path, Object raw) throws ConfigException {
    Map<String, Object> m = map(src, path, raw, NEIGHBOR_KEYS);
    Object a = m.get("address");
    if (!(a instanceof String address) || !isIpLiteral(address)) {
      throw error(src, path + ".address", "required: the neighbour's IPv4 or IPv6 address, got " + ConfigReader.describe(a));
    }
    List<Long> remoteAs = new ArrayList<>();
    Object as = m.get("remoteAs");
    if (as == null) {
      throw error(src, path + ".remoteAs", "required: an AS number, a list of them, or any");
    } else if (as instanceof String s && s.trim().equalsIgnoreCase("any")) {
      // any AS
    } else if (as instanceof List<?> l) {
      if (l.isEmpty()) throw error(src, path + ".remoteAs", "an empty list accepts nobody; write any for any AS");
      for (int i = 0; i < l.size(); i++) remoteAs.add(number(src, path + ".remoteAs." + i, l.get(i), 0, 1, 0xFFFFFFFFL));
    } else {
      remoteAs.add(number(src, path + ".remoteAs", as, 0, 1, 0xFFFFFFFFL));
    }
    String description = m.containsKey("description") ? text(src, path + ".description", m.get("description")) : null;
    String password = m.containsKey("password") ? text(src, path + ".password", m.get("password")) : null;
    if (password != null && (password.length() > 80 || !password.chars().allMatch(c -> c >= 0x20 && c < 0x7F))) {
      throw error(src, path + ".password", "must be 1 to 80 printable ASCII characters (TCP_MD5SIG_MAXKEYLEN)");
    }
    long max = number(src, path + ".maxPrefixes", m.get("maxPrefixes"), 0, 0, Long.MAX_VALUE);
    boolean connect = bool(src, path + ".connect", m.get("connect"), false);
    int port = (int) number(src, path + ".port", m.get("port"), 179, 1, 65535);
    String role = null;
    if (m.containsKey("role")) {
      role = text(src, path + ".role", m.get("role")).toLowerCase(Locale.ROOT);
      if (!Set.of("provider", "rs", "rs-client", "customer", "peer", "none").contains(role)) {
        throw error(src, path + ".role", "must be one of provider, rs, rs-client, customer, peer, none; got \"" + role + "\"");
      }
      if (role.equals("none")) role = null;
    }
    return new NeighborConfig(address, remoteAs, description, password, max, connect, port, role);
  }

  private static boolean isIpLiteral(String s) {
    if (s.indexOf(':') >= 0) return s.matches("[0-9A-Fa-f:.]+");
    return s.matches("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(ConfigReader.Source src, String path, Object raw, Set<String> keys)
      throws ConfigException {
    if (!(raw instanceof Map<?, ?> m)) {
      throw error(src, path, "must be a section (a mapping of keys to values), got " + ConfigReader.describe(raw));
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String key) || !keys.contains(key)) {
        throw error(src, path, "unknown key '" + k + "' in section '" + path + "'; known keys: "
            + String.join(", ", new java.util.TreeSet<>(keys)));
      }
    }
    return (Map<String, Object>) m;
  }

  private static long number(ConfigReader.Source src, String path, Object v, long def, long min, long max)
      throws ConfigException {
    if (v == null) return def;
    if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      BigInteger n = v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue());
      if (n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0) return n.longValue();
    }
    throw error(src, path, "must be an integer from " + min + " to " + max + ", got " + ConfigReader.describe(v));
  }

  private static String string(ConfigReader.Source src, String path, Object v, String def) throws ConfigException {
    return v == null ? def : text(src, path, v);
  }

  private static String text(ConfigReader.Source src, String path, Object v) throws ConfigException {
    if (v instanceof String s && !s.isBlank()) return s;
    if (v instanceof Integer || v instanceof Long) return v.toString();
    throw error(src, path, "must be a non-empty string, got " + ConfigReader.describe(v));
  }

  private static boolean bool(ConfigReader.Source src, String path, Object v, boolean def) throws ConfigException {
    if (v == null) return def;
    if (v instanceof Boolean b) return b;
    throw error(src, path, "must be true or false, got " + ConfigReader.describe(v));
  }

  private static ConfigException error(ConfigReader.Source src, String path, String why) {
    return new ConfigException(src.where(path) + ": " + path + ": " + why);
  }

  @Override
  public String toString() {
    // never log passwords
    List<String> ns = new ArrayList<>();
    for (NeighborConfig n : neighbors) {
      ns.add(n.address() + " AS " + (n.remoteAs().isEmpty() ? "any" : n.remoteAs()) + (n.password() == null ? "" : " md5")
          + (n.connect() ? " connect:" + n.port() : ""));
    }
    return "BgpConfig[port=" + port + ", host=" + host + ", localAs=" + localAs + ", routerId=" + routerId
        + ", holdTime=" + holdTime + ", neighbors=" + ns + "]";
  }
}
