package io.routemill.wire.mrt;

import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.Attr04Med;
import io.routemill.wire.bgp.attr.Attr05LocalPref;
import io.routemill.wire.bgp.attr.Attr07Aggregator;
import io.routemill.wire.bgp.attr.Attr08Communities;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.util.List;

/**
 * The attribute columns of a bgpdump {@code -m} line:
 * {@code |asPath|origin|nextHop|localPref|med|communities|AG|aggregator|}.
 *
 * <p>bgpdump's conventions, kept: AS paths with sets in braces, confederation sequences in parentheses and
 * confederation sets in brackets; an absent ORIGIN prints INCOMPLETE; absent LOCAL_PREF and MED print 0; an
 * absent next hop prints 255.255.255.255 (its INADDR_NONE default); three well-known communities print by
 * name (the rest as numbers); large and extended communities are not part of this format. The AS path is
 * AS_PATH merged with AS4_PATH (RFC 6793 §4.2.3) in 2-octet contexts.
 */
final class BgpdumpAttributes {
  /** Where a line's next hop comes from. */
  enum NextHop {
    /** IPv4 NLRI of an UPDATE: the NEXT_HOP attribute only. */
    NEXT_HOP,
    /** MP_REACH NLRI of an UPDATE: the MP_REACH next hop. */
    MP_REACH,
    /** TABLE_DUMP_V2 entries: the (abbreviated) MP_REACH next hop when present, else NEXT_HOP (RFC 6396 §4.3.4). */
    MP_REACH_FIRST,
    /** Legacy TABLE_DUMP entries: the MP_REACH next hop when it is an IPv6 one, else NEXT_HOP. */
    MP_REACH_IF_IPV6
  }

  private static final byte[] NO_NEXT_HOP = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
  private final AsciiBuffer scratch = new AsciiBuffer();

  /** Formats the columns into a reused buffer (valid until the next call). */
  AsciiBuffer format(PathAttributes attrs, NextHop nextHop) {
    scratch.setLength(0);
    append(scratch, attrs, nextHop);
    return scratch;
  }

  void append(AsciiBuffer out, PathAttributes attrs, NextHop nextHop) {
    out.ch('|');
    asPath(out, attrs.effectiveAsPath());
    out.ch('|').str(origin(attrs.origin())).ch('|');
    nextHop(out, attrs, nextHop);
    Attr05LocalPref lp = attrs.localPref();
    Attr04Med med = attrs.med();
    out.ch('|').num(lp == null ? 0 : lp.value()).ch('|').num(med == null ? 0 : med.value()).ch('|');
    communities(out, attrs.communities());
    out.ch('|');
    out.str(attrs.atomicAggregate() != null ? "AG" : "NAG").ch('|');
    Attr07Aggregator aggregator = attrs.effectiveAggregator();
    if (aggregator != null) out.num(aggregator.asn()).ch(' ').ip(aggregator.address());
    out.ch('|');
  }

  private static String origin(Attr01Origin origin) {
    int value = origin == null ? -1 : origin.origin();
    return value == 0 ? "IGP" : value == 1 ? "EGP" : "INCOMPLETE";
  }

  private static void nextHop(AsciiBuffer out, PathAttributes attrs, NextHop source) {
    Attr14MpReach reach = source == NextHop.NEXT_HOP ? null : attrs.mpReach();
    byte[] nh = reach == null ? null : reach.nextHop();
    boolean useMp = nh != null && (nh.length == 4 || nh.length == 16 || nh.length == 32)
        && (source != NextHop.MP_REACH_IF_IPV6 || nh.length >= 16);
    if (useMp) {
      out.ip(nh, 0, nh.length == 4 ? 4 : 16); // of a global + link-local pair, the global address
      return;
    }
    Attr03NextHop nextHop = attrs.nextHop();
    out.ip(nextHop != null ? nextHop.address() : NO_NEXT_HOP);
  }

  static void asPath(AsciiBuffer out, List<AsPathSegment> segments) {
    if (segments == null) return;
    boolean first = true;
    for (AsPathSegment segment : segments) {
      if (!first) out.ch(' ');
      first = false;
      char open;
      char close;
      char separator;
      switch (segment.type()) {
        case AsPathSegment.AS_SET: open = '{'; close = '}'; separator = ','; break;
        case AsPathSegment.AS_CONFED_SEQUENCE: open = '('; close = ')'; separator = ' '; break;
        case AsPathSegment.AS_CONFED_SET: open = '['; close = ']'; separator = ','; break;
        default: open = 0; close = 0; separator = ' '; break;
      }
      if (open != 0) out.ch(open);
      long[] asns = segment.asns();
      for (int i = 0; i < asns.length; i++) {
        if (i > 0) out.ch(separator);
        out.num(asns[i]);
      }
      if (close != 0) out.ch(close);
    }
  }

  private static void communities(AsciiBuffer out, Attr08Communities communities) {
    if (communities == null) return;
    int[] values = communities.values();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) out.ch(' ');
      int v = values[i];
      switch (v) {
        case 0xFFFFFF01: out.str("no-export"); break;
        case 0xFFFFFF02: out.str("no-advertise"); break;
        case 0xFFFFFF03: out.str("local-AS"); break;
        default: out.num(v >>> 16).ch(':').num(v & 0xFFFF);
      }
    }
  }
}
