package io.routemill.app.config;

import io.routemill.collector.station.StationLimits;
import io.routemill.wire.bgp.Prefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bmp:} — the BMP station routers stream to (RFC 7854), and what it accepts ({@link StationLimits}).
 *
 * <pre>
 * bmp:
 *   port: 11019
 *   host: 0.0.0.0
 *   maxConnections: 1000            # open connections, all addresses
 *   maxConnectionsPerAddress: 10    # open connections from one address
 *   initiationTimeout: 30s          # to send the Initiation (and, to replace a connected router, a Peer Up)
 *   idleTimeout: 10m                # closed after this long without a byte
 *   frameBudget: 256MiB             # unfinished messages buffered, all connections (bytes, or KiB/MiB/GiB)
 *   duplicateRouter: replace        # a second connection from a router's address: reject | replace
 *   allow: [192.0.2.0/24, 2001:db8::1]   # router addresses or prefixes; empty: any
 * </pre>
 *
 * @param port TCP port to listen on (0 picks a free one); default 11019
 * @param host address to bind; default {@code 0.0.0.0} (every IPv4 address)
 */
public record BmpConfig(int port, String host, int maxConnections, int maxConnectionsPerAddress,
    Duration initiationTimeout, Duration idleTimeout, long frameBudget, String duplicateRouter, List<String> allow) {
  private static final StationLimits L = StationLimits.DEFAULTS;
  public static final BmpConfig DEFAULTS = new BmpConfig(11019, "0.0.0.0", L.maxConnections(),
      L.maxConnectionsPerAddress(), L.initiationTimeout(), L.idleTimeout(), L.frameBudget(),
      L.duplicateRouter().label(), List.of());

  private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})\\s*(|B|KiB|MiB|GiB)");
  private static final Pattern ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /** Bytes: an integer, or a string with a binary unit ({@code 512KiB}, {@code 256MiB}, {@code 1GiB}); 1 MiB at least. */
  private static final Conversion<Long> SIZE_BYTES = v -> {
    Long n = null;
    if (v.raw() instanceof Integer || v.raw() instanceof Long) n = ((Number) v.raw()).longValue();
    Matcher m = v.raw() instanceof String s ? SIZE.matcher(s.trim()) : null;
    if (m != null && m.matches()) {
      int shift = switch (m.group(2)) { case "KiB" -> 10; case "MiB" -> 20; case "GiB" -> 30; default -> 0; };
      n = Long.parseLong(m.group(1)) << shift;
    }
    if (n == null || n < (1 << 20) || n > (1L << 40)) {
      throw v.error("must be a size from 1MiB to 1024GiB (bytes, or with KiB, MiB, GiB), got " + Scalars.describe(v.raw()));
    }
    return n;
  };

  /** An address or prefix ({@code 192.0.2.1}, {@code 192.0.2.0/24}, {@code 2001:db8::/32}), without name lookups. */
  private static final Conversion<String> PREFIX = v -> {
    String s = Scalars.STRING.convert(v).trim();
    String address = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
    try {
      if (!ADDRESS.matcher(address).matches()) throw new IllegalArgumentException();
      return Prefix.parse(s.contains("/") ? s : s + (address.contains(":") ? "/128" : "/32")).toString();
    } catch (IllegalArgumentException e) {
      throw v.error("must be an IP address or prefix (192.0.2.0/24, 2001:db8::/32), got " + Scalars.describe(v.raw()));
    }
  };

  public BmpConfig {
    allow = List.copyOf(allow);
  }

  /** On every address. */
  public BmpConfig(int port) {
    this(port, DEFAULTS.host);
  }

  /** With the default limits. */
  public BmpConfig(int port, String host) {
    this(port, host, DEFAULTS.maxConnections, DEFAULTS.maxConnectionsPerAddress, DEFAULTS.initiationTimeout,
        DEFAULTS.idleTimeout, DEFAULTS.frameBudget, DEFAULTS.duplicateRouter, DEFAULTS.allow);
  }

  static BmpConfig read(ConfigReader r) throws ConfigException {
    List<String> policies = new ArrayList<>();
    for (StationLimits.DuplicateRouter d : StationLimits.DuplicateRouter.values()) policies.add(d.label());
    return new BmpConfig(r.port("port", DEFAULTS.port), r.string("host", DEFAULTS.host),
        r.integer("maxConnections", DEFAULTS.maxConnections, 1, 1_000_000),
        r.integer("maxConnectionsPerAddress", DEFAULTS.maxConnectionsPerAddress, 1, 1_000_000),
        r.value("initiationTimeout", DEFAULTS.initiationTimeout, Scalars.DURATION),
        r.value("idleTimeout", DEFAULTS.idleTimeout, Scalars.DURATION),
        r.value("frameBudget", DEFAULTS.frameBudget, SIZE_BYTES),
        r.value("duplicateRouter", DEFAULTS.duplicateRouter, Scalars.oneOf(policies)),
        r.list("allow", DEFAULTS.allow, PREFIX));
  }

  /** The station's settings. */
  public StationLimits toLimits() {
    List<Prefix> prefixes = new ArrayList<>();
    for (String p : allow) prefixes.add(Prefix.parse(p));
    return new StationLimits(maxConnections, maxConnectionsPerAddress, initiationTimeout, idleTimeout, frameBudget,
        StationLimits.DuplicateRouter.valueOf(duplicateRouter.toUpperCase(Locale.ROOT)), prefixes);
  }
}
