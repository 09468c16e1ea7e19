package io.routemill.wire.bgp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix in canonical form: bits beyond {@code length} are zero. Decoders mask host bits
 * (RFC 4271 §4.3 says they are irrelevant) and report that they did so as a warning, so two encodings of
 * the same prefix are equal.
 *
 * <p>The address is kept as a 4- or 16-byte array; this type is for decoded messages and the API, not for
 * the RIB, which stores prefixes as primitives.
 */
public record Prefix(int afi, byte[] address, int length) implements Comparable<Prefix> {

  public Prefix {
    int bytes = afi == AfiSafi.AFI_IPV4 ? 4 : afi == AfiSafi.AFI_IPV6 ? 16 : -1;
    if (bytes < 0 || address.length != bytes || length < 0 || length > bytes * 8) {
      throw new IllegalArgumentException("bad prefix: afi " + afi + ", " + address.length + " bytes, /" + length);
    }
  }

  /** Builds a prefix, zeroing any host bits beyond {@code length} (the array is copied). */
  public static Prefix canonical(int afi, byte[] address, int length) {
    byte[] copy = Arrays.copyOf(address, afi == AfiSafi.AFI_IPV4 ? 4 : 16);
    maskHostBits(copy, length);
    return new Prefix(afi, copy, length);
  }

  /** Parses {@code "192.0.2.0/24"} or {@code "2001:db8::/32"}; host bits are masked. */
  public static Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("prefix without length: " + text);
    try {
      byte[] addr = InetAddress.getByName(text.substring(0, slash)).getAddress();
      int afi = addr.length == 4 ? AfiSafi.AFI_IPV4 : AfiSafi.AFI_IPV6;
      return canonical(afi, addr, Integer.parseInt(text.substring(slash + 1)));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("not a prefix: " + text, e);
    }
  }

  /** Zeroes the bits after {@code length}; returns true if any were set. */
  public static boolean maskHostBits(byte[] address, int length) {
    boolean hadHostBits = false;
    for (int bit = length; bit < address.length * 8; bit++) {
      int mask = 0x80 >>> (bit & 7);
      if ((address[bit >>> 3] & mask) != 0) {
        hadHostBits = true;
        address[bit >>> 3] &= (byte) ~mask;
      }
    }
    return hadHostBits;
  }

  public boolean isIpv4() {
    return afi == AfiSafi.AFI_IPV4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prefix p && p.afi == afi && p.length == length && Arrays.equals(p.address, address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 131 + length;
  }

  @Override
  public int compareTo(Prefix o) {
    if (afi != o.afi) return Integer.compare(afi, o.afi);
    int c = Arrays.compareUnsigned(address, o.address);
    return c != 0 ? c : Integer.compare(length, o.length);
  }

  @Override
  public String toString() {
    return IpAddresses.format(address) + "/" + length;
  }
}
