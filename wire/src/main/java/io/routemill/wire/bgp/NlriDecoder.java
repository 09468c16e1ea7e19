package io.routemill.wire.bgp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * IPv4/IPv6 NLRI (RFC 4271 §4.3, RFC 4760 §5): a length in bits and the fewest bytes holding it, preceded
 * by a 4-byte path identifier when ADD-PATH is in effect for the family (RFC 7911 §3); the caller says so,
 * nothing is guessed.
 *
 * <p>RFC 7606 §5.3: a prefix longer than the family allows, or one running past the end of its field, makes
 * the field incorrect; decoding stops there. For the UPDATE's own Withdrawn Routes and NLRI fields that means
 * session reset, for MP_REACH/MP_UNREACH "AFI/SAFI disable" (the caller passes the action). Host bits beyond
 * the length are cleared (the prefix is still the one the sender meant) and reported with action NONE.
 */
public final class NlriDecoder {
  private NlriDecoder() {}

  /**
   * Decodes the NLRI in {@code buf[from, from + length)} (absolute indices; reader index untouched) and appends
   * the routes to {@code routes}.
   *
   * @param offsetBase the message offset of byte {@code from}, for the warnings
   * @param errorAction what a malformed field calls for (see the class comment)
   * @return true if the whole field was read, false if it was malformed (routes hold what came before)
   */
  public static boolean decode(ByteBuf buf, int from, int length, int afi, boolean addPath,
      Rfc7606Action errorAction, int offsetBase, List<Route> routes, List<BgpError> warnings) {
    int addrLen = afi == AfiSafi.AFI_IPV4 ? 4 : 16;
    int maxBits = addrLen * 8;
    int end = from + length;
    int p = from;
    while (p < end) {
      long pathId = Route.NO_PATH_ID;
      if (addPath) {
        if (end - p < 5) return fail(warnings, errorAction, offsetBase + p - from, "ADD-PATH NLRI truncated");
        pathId = buf.getUnsignedInt(p);
        p += 4;
      }
      int bits = buf.getUnsignedByte(p);
      if (bits > maxBits) {
        return fail(warnings, errorAction, offsetBase + p - from, "prefix length " + bits + " > " + maxBits);
      }
      int n = (bits + 7) >>> 3;
      if (n > end - p - 1) {
        return fail(warnings, errorAction, offsetBase + p - from, "prefix /" + bits + " overruns the NLRI field");
      }
      byte[] addr = new byte[addrLen];
      buf.getBytes(p + 1, addr, 0, n);
      // Only the last byte can hold host bits: the bytes after it are not on the wire at all.
      int rem = bits & 7;
      if (rem != 0 && (addr[n - 1] & (0xFF >>> rem)) != 0) {
        addr[n - 1] &= (byte) (0xFF << (8 - rem));
        warnings.add(new BgpError(BgpError.UPDATE_MESSAGE_ERROR, BgpError.INVALID_NETWORK_FIELD, Rfc7606Action.NONE,
            offsetBase + p - from, "host bits set in /" + bits + " prefix, masked"));
      }
      routes.add(new Route(new Prefix(afi, addr, bits), pathId));
      p += 1 + n;
    }
    return true;
  }

  /**
   * Reads one prefix (length byte + prefix bytes, as in TABLE_DUMP_V2 RIB records) at the reader index and
   * advances past it; host bits are cleared. Returns null, consuming nothing, if the length is beyond the
   * family's maximum or the bytes are not there.
   */
  public static Prefix readPrefix(ByteBuf buf, int afi) {
    if (!buf.isReadable()) return null;
    int p = buf.readerIndex();
    int addrLen = afi == AfiSafi.AFI_IPV4 ? 4 : 16;
    int bits = buf.getUnsignedByte(p);
    int n = (bits + 7) >>> 3;
    if (bits > addrLen * 8 || n > buf.readableBytes() - 1) return null;
    byte[] addr = new byte[addrLen];
    buf.getBytes(p + 1, addr, 0, n);
    int rem = bits & 7;
    if (rem != 0) addr[n - 1] &= (byte) (0xFF << (8 - rem));
    buf.skipBytes(1 + n);
    return new Prefix(afi, addr, bits);
  }

  private static boolean fail(List<BgpError> warnings, Rfc7606Action action, int offset, String reason) {
    warnings.add(new BgpError(BgpError.UPDATE_MESSAGE_ERROR,
        action == Rfc7606Action.SESSION_RESET ? BgpError.INVALID_NETWORK_FIELD : BgpError.OPTIONAL_ATTRIBUTE_ERROR,
        action, offset, reason));
    return false;
  }
}
