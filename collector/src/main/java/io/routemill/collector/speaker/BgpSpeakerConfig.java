package io.routemill.collector.speaker;

import java.util.List;

/**
 * The collector's side of its BGP sessions.
 *
 * @param host address to listen on
 * @param port TCP port (1179 by default, 179 where permitted; 0 picks a free one)
 * @param localAs the collector's AS (4-octet; AS_TRANS goes in the OPEN's 2-octet field above 65535)
 * @param routerId the collector's BGP Identifier as an unsigned 32-bit value
 * @param holdTime proposed hold time in seconds (0, or at least 3)
 * @param connectRetry seconds between active connection attempts
 * @param restartTime the Restart Time advertised in our Graceful Restart capability
 * @param staleTime how long stale routes of a restarted peer wait for its End-of-RIB (RFC 4724 §4.2)
 */
public record BgpSpeakerConfig(String host, int port, long localAs, long routerId, int holdTime, int connectRetry,
    int restartTime, int staleTime, List<Neighbor> neighbors) {
  public BgpSpeakerConfig {
    if (localAs < 1 || localAs > 0xFFFFFFFFL) throw new IllegalArgumentException("localAs " + localAs);
    if (routerId == 0 || routerId > 0xFFFFFFFFL || routerId < 0) throw new IllegalArgumentException("routerId");
    if (holdTime != 0 && (holdTime < 3 || holdTime > 65535)) throw new IllegalArgumentException("holdTime " + holdTime);
    if (connectRetry < 1) throw new IllegalArgumentException("connectRetry " + connectRetry);
    if (restartTime < 0 || restartTime > 4095) throw new IllegalArgumentException("restartTime " + restartTime);
    if (staleTime < 1) throw new IllegalArgumentException("staleTime " + staleTime);
    neighbors = List.copyOf(neighbors);
  }

  public static BgpSpeakerConfig of(int port, long localAs, String routerId, List<Neighbor> neighbors) {
    return new BgpSpeakerConfig("0.0.0.0", port, localAs, parseRouterId(routerId), 90, 30, 120, 360, neighbors);
  }

  public BgpSpeakerConfig withTimers(int hold, int retry, int restart, int stale) {
    return new BgpSpeakerConfig(host, port, localAs, routerId, hold, retry, restart, stale, neighbors);
  }

  public BgpSpeakerConfig withHost(String h) {
    return new BgpSpeakerConfig(h, port, localAs, routerId, holdTime, connectRetry, restartTime, staleTime, neighbors);
  }

  /** Dotted-quad text to an unsigned 32-bit value. */
  public static long parseRouterId(String text) {
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) throw new IllegalArgumentException("router id '" + text + "' is not a dotted quad");
    long v = 0;
    for (String p : parts) {
      if (!p.matches("[0-9]{1,3}")) throw new IllegalArgumentException("router id '" + text + "' is not a dotted quad");
      int b = Integer.parseInt(p);
      if (b > 255) throw new IllegalArgumentException("router id '" + text + "' is not a dotted quad");
      v = v << 8 | b;
    }
    if (v == 0) throw new IllegalArgumentException("router id 0.0.0.0 is not allowed (RFC 6286)");
    return v;
  }

  public static String formatId(long id) {
    return (id >>> 24 & 0xFF) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF);
  }
}
