package io.routemill.bench;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic, full-size routing table shaped like the real one: ~1,050,000 IPv4 and ~230,000 IPv6
 * prefixes with the prefix-length mix of a 2024 DFZ table (/24 about 60% of IPv4, /48 about half of IPv6),
 * each with an origin AS drawn from ~75,000 ASes with a heavy-tailed (Zipf-like) distribution, so prefixes
 * of one origin share attributes the way real tables do. Same seed, same table.
 */
public final class FullTable {
  /** IPv4 prefix lengths and their shares (per mille) in a full table. */
  private static final int[][] IPV4_LENGTHS = {
      {24, 600}, {23, 90}, {22, 110}, {21, 45}, {20, 45}, {19, 30}, {18, 17}, {17, 12}, {16, 14},
      {15, 4}, {14, 3}, {13, 2}, {12, 1}, {11, 1}, {10, 1}, {9, 1}};
  private static final int[][] IPV6_LENGTHS = {
      {48, 500}, {47, 20}, {46, 30}, {45, 10}, {44, 70}, {42, 15}, {40, 60}, {36, 35}, {35, 5}, {34, 10},
      {33, 15}, {32, 180}, {31, 10}, {30, 10}, {29, 30}};
  public static final int ORIGIN_ASES = 75_000;

  public final long[] ipv4;       // address << 8 | length
  public final long[] ipv6High;   // upper 64 bits of the address
  public final int[] ipv6Length;
  public final int[] ipv4Origin;  // index into the origin pool, per prefix
  public final int[] ipv6Origin;

  public FullTable(int ipv4Count, int ipv6Count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ipv4 = new long[ipv4Count];
    ipv4Origin = new int[ipv4Count];
    LongOpenHashSet seen = new LongOpenHashSet(ipv4Count * 2);
    for (int i = 0; i < ipv4Count; ) {
      int length = pick(IPV4_LENGTHS, random);
      long address = randomIpv4(random) & mask32(length);
      long key = address << 8 | length;
      if (seen.add(key)) {
        ipv4[i] = key;
        ipv4Origin[i++] = zipf(random, ORIGIN_ASES);
      }
    }
    Arrays.sort(ipv4);
    seen = new LongOpenHashSet(ipv6Count * 2);
    ipv6High = new long[ipv6Count];
    ipv6Length = new int[ipv6Count];
    ipv6Origin = new int[ipv6Count];
    for (int i = 0; i < ipv6Count; ) {
      int length = pick(IPV6_LENGTHS, random);
      long high = (0x2000_0000_0000_0000L | (random.nextLong() >>> 3)) & (-1L << (64 - length));
      if (seen.add(high ^ length)) {
        ipv6High[i] = high;
        ipv6Length[i] = length;
        ipv6Origin[i++] = zipf(random, ORIGIN_ASES);
      }
    }
  }

  private static long randomIpv4(SplittableRandom random) {
    while (true) {
      long a = random.nextInt() & 0xFFFFFFFFL;
      int first = (int) (a >>> 24);
      if (first >= 1 && first <= 223 && first != 10 && first != 127) return a;
    }
  }

  private static long mask32(int length) {
    return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
  }

  private static int pick(int[][] table, SplittableRandom random) {
    int total = 0;
    for (int[] row : table) total += row[1];
    int r = random.nextInt(total);
    for (int[] row : table) {
      r -= row[1];
      if (r < 0) return row[0];
    }
    return table[0][0];
  }

  /** Heavy-tailed index in [0, n): a few origins announce thousands of prefixes, most a handful. */
  static int zipf(SplittableRandom random, int n) {
    double u = random.nextDouble();
    return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1.0, u)) - 1);
  }
}
