package io.routemill.collector.rib;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr07Aggregator;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.AttributeForm;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.wire.bgp.attr.PathAttributesDecoder;
import io.routemill.wire.bgp.attr.PathAttributesEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical bytes of a route's attributes, which is what the RIB interns: exactly a TABLE_DUMP_V2 RIB entry's
 * attribute field (RFC 6396 §4.3.4), so the archiver can write them as they are.
 *
 * <ul>
 *   <li>every path attribute of the UPDATE except MP_REACH_NLRI / MP_UNREACH_NLRI, flags kept, sorted by type
 *       code (the order RFC 4271 recommends; senders that differ only in order share a set);
 *   <li>for routes carried in MP_REACH_NLRI, an abbreviated MP_REACH_NLRI holding only the next hop (so IPv6
 *       routes with equal attributes and next hop share a set whatever other NLRI their UPDATE carried);
 *   <li>AS numbers in 4-octet form (RFC 6396 §4.3.4). For attributes from a 2-octet session, AS_PATH is the
 *       effective path (RFC 6793 §4.2.3 merge with AS4_PATH), AGGREGATOR the effective aggregator, and
 *       AS4_PATH / AS4_AGGREGATOR are dropped, so decoding the bytes with {@link DecodeContext#AS4} gives the
 *       same {@code effectiveAsPath()} and {@code effectiveAggregator()} as the original.
 * </ul>
 */
public final class CanonicalAttributes {
  private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(512));

  private CanonicalAttributes() {}

  /**
   * Canonical bytes of {@code attributes} for routes of the IPv4 NLRI field ({@code mpReach} null) or of
   * {@code mpReach}'s NLRI.
   */
  public static byte[] encode(PathAttributes attributes, Attr14MpReach mpReach) {
    List<PathAttribute> all = attributes.all();
    List<PathAttribute> out = new ArrayList<>(all.size() + 1);
    boolean twoOctet = !attributes.fourOctetAs();
    for (int i = 0, n = all.size(); i < n; i++) {
      PathAttribute a = all.get(i);
      int t = a.typeCode();
      if (t == PathAttribute.MP_REACH_NLRI || t == PathAttribute.MP_UNREACH_NLRI) continue;
      if (twoOctet) {
        if (t == PathAttribute.AS4_PATH || t == PathAttribute.AS4_AGGREGATOR) continue;
        if (t == PathAttribute.AS_PATH) {
          List<AsPathSegment> effective = attributes.effectiveAsPath();
          if (effective != null) a = new Attr02AsPath(a.flags(), effective);
        } else if (t == PathAttribute.AGGREGATOR) {
          Attr07Aggregator effective = attributes.effectiveAggregator();
          if (effective != null) a = effective;
        }
      }
      out.add(a);
    }
    if (mpReach != null) {
      out.add(new Attr14MpReach(mpReach.flags(), mpReach.family(), mpReach.nextHop(), List.of(), null));
    }
    // insertion sort by type code: stable, and the list is short and usually sorted already
    for (int i = 1; i < out.size(); i++) {
      PathAttribute x = out.get(i);
      int j = i - 1;
      while (j >= 0 && out.get(j).typeCode() > x.typeCode()) {
        out.set(j + 1, out.get(j));
        j--;
      }
      out.set(j + 1, x);
    }
    ByteBuf buf = SCRATCH.get();
    buf.clear();
    PathAttributesEncoder.write(buf, out, DecodeContext.AS4, AttributeForm.MRT_RIB_ENTRY);
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    if (buf.capacity() > 1 << 16) SCRATCH.remove();
    return bytes;
  }

  /** Decodes canonical bytes back into attributes (4-octet AS, abbreviated MP_REACH_NLRI). */
  public static PathAttributes decode(byte[] bytes) {
    return PathAttributesDecoder.decode(Unpooled.wrappedBuffer(bytes), bytes.length, DecodeContext.AS4,
        AttributeForm.MRT_RIB_ENTRY);
  }
}
