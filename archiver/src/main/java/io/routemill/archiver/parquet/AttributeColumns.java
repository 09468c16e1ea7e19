package io.routemill.archiver.parquet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr07Aggregator;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.AttributeForm;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.wire.bgp.attr.PathAttributesEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.apache.parquet.io.api.Binary;

/**
 * One attribute set decoded into the Parquet columns (immutable; built once per set and shared by every route
 * that carries it). Strings are pre-encoded {@link Binary}s so writing a row copies no text. Absent attributes
 * are null; the list columns are empty lists when their attribute is absent, except {@code as_path}, null when
 * there is no AS_PATH at all.
 */
public final class AttributeColumns {
  static final Binary[] SEGMENT_TYPES = {null, utf8("AS_SET"), utf8("AS_SEQUENCE"), utf8("AS_CONFED_SEQUENCE"),
      utf8("AS_CONFED_SET")};
  private static final Binary IGP = utf8("IGP");
  private static final Binary EGP = utf8("EGP");
  private static final Binary INCOMPLETE = utf8("INCOMPLETE");

  /** The flattened AS path (every AS number of every segment, in order), or null. */
  final long[] asPath;
  /** Segment types (AsPathSegment constants) and their AS numbers, or null. */
  final int[] segmentTypes;
  final long[][] segmentAsns;
  /** {@link AsPathSegment#originAs}, or null. */
  final Long originAsn;
  final Binary origin;
  /** From the NEXT_HOP attribute, and from MP_REACH_NLRI (global address): either may be null. */
  final Binary nextHop;
  final Binary mpNextHop;
  final Long localPref;
  final Long med;
  final Binary[] communities;
  final Binary[] largeCommunities;
  final Binary[] extCommunities;
  final boolean atomicAggregate;
  final Binary aggregator;
  final Long otc;
  final Binary[] unknown;

  private AttributeColumns(PathAttributes a) {
    List<AsPathSegment> path = a.effectiveAsPath();
    if (path == null) {
      asPath = null;
      segmentTypes = null;
      segmentAsns = null;
      originAsn = null;
    } else {
      int n = 0;
      for (AsPathSegment s : path) n += s.asns().length;
      long[] flat = new long[n];
      segmentTypes = new int[path.size()];
      segmentAsns = new long[path.size()][];
      int k = 0;
      for (int i = 0; i < path.size(); i++) {
        AsPathSegment s = path.get(i);
        segmentTypes[i] = s.type();
        segmentAsns[i] = s.asns();
        System.arraycopy(s.asns(), 0, flat, k, s.asns().length);
        k += s.asns().length;
      }
      asPath = flat;
      OptionalLong originAs = AsPathSegment.originAs(path);
      originAsn = originAs.isPresent() ? originAs.getAsLong() : null;
    }
    if (a.origin() == null) {
      origin = null;
    } else {
      int o = a.origin().origin();
      origin = o == Attr01Origin.IGP ? IGP : o == Attr01Origin.EGP ? EGP : o == Attr01Origin.INCOMPLETE ? INCOMPLETE
          : utf8(Integer.toString(o));
    }
    nextHop = a.nextHop() == null ? null : address(a.nextHop().address());
    Attr14MpReach mp = a.mpReach();
    byte[] nh = mp == null ? null : mp.nextHop();
    mpNextHop = nh == null || !(nh.length == 4 || nh.length == 16 || nh.length == 32) ? null
        : utf8(IpAddresses.format(nh, 0, nh.length == 4 ? 4 : 16));
    localPref = a.localPref() == null ? null : a.localPref().value();
    med = a.med() == null ? null : a.med().value();
    if (a.communities() == null) {
      communities = EMPTY;
    } else {
      int[] v = a.communities().values();
      communities = new Binary[v.length];
      for (int i = 0; i < v.length; i++) communities[i] = utf8((v[i] >>> 16) + ":" + (v[i] & 0xFFFF));
    }
    if (a.largeCommunities() == null) {
      largeCommunities = EMPTY;
    } else {
      int[] v = a.largeCommunities().values();
      largeCommunities = new Binary[v.length / 3];
      for (int i = 0; i + 2 < v.length; i += 3) {
        largeCommunities[i / 3] = utf8(Integer.toUnsignedString(v[i]) + ":" + Integer.toUnsignedString(v[i + 1]) + ":"
            + Integer.toUnsignedString(v[i + 2]));
      }
    }
    if (a.extendedCommunities() == null) {
      extCommunities = EMPTY;
    } else {
      long[] v = a.extendedCommunities().values();
      extCommunities = new Binary[v.length];
      for (int i = 0; i < v.length; i++) extCommunities[i] = utf8(HexFormat.of().toHexDigits(v[i]));
    }
    atomicAggregate = a.atomicAggregate() != null;
    Attr07Aggregator agg = a.effectiveAggregator();
    aggregator = agg == null ? null : utf8(agg.asn() + " " + addressText(agg.address()));
    otc = a.otc() == null ? null : a.otc().asn();
    List<Binary> other = new ArrayList<>();
    for (PathAttribute attr : a.all()) {
      if (hasColumn(attr.typeCode())) continue;
      ByteBuf buf = Unpooled.buffer();
      PathAttributesEncoder.write(buf, attr, DecodeContext.AS4, AttributeForm.UPDATE);
      byte[] raw = new byte[buf.readableBytes()];
      buf.readBytes(raw);
      buf.release();
      other.add(Binary.fromConstantByteArray(raw));
    }
    unknown = other.toArray(EMPTY);
  }

  private static final Binary[] EMPTY = new Binary[0];

  public static AttributeColumns of(PathAttributes attributes) {
    return new AttributeColumns(attributes);
  }

  /** Attributes with columns of their own (or folded into them, or describing NLRI). */
  static boolean hasColumn(int type) {
    switch (type) {
      case PathAttribute.ORIGIN:
      case PathAttribute.AS_PATH:
      case PathAttribute.NEXT_HOP:
      case PathAttribute.MULTI_EXIT_DISC:
      case PathAttribute.LOCAL_PREF:
      case PathAttribute.ATOMIC_AGGREGATE:
      case PathAttribute.AGGREGATOR:
      case PathAttribute.COMMUNITIES:
      case PathAttribute.MP_REACH_NLRI:
      case PathAttribute.MP_UNREACH_NLRI:
      case PathAttribute.EXTENDED_COMMUNITIES:
      case PathAttribute.AS4_PATH:
      case PathAttribute.AS4_AGGREGATOR:
      case PathAttribute.LARGE_COMMUNITIES:
      case PathAttribute.ONLY_TO_CUSTOMER:
        return true;
      default:
        return false;
    }
  }

  /** The next hop of a route: {@code fromMpReach} for routes carried in (or, in RIB entries, described by) MP_REACH. */
  Binary nextHop(boolean preferMpReach) {
    if (preferMpReach && mpNextHop != null) return mpNextHop;
    return nextHop;
  }

  /** Whether the route has no next hop at all (neither NEXT_HOP nor MP_REACH_NLRI's). */
  public boolean lacksNextHop() {
    return nextHop == null && mpNextHop == null;
  }

  boolean hasMpNextHop() {
    return mpNextHop != null;
  }

  static Binary utf8(String s) {
    return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Binary address(byte[] a) {
    return utf8(addressText(a));
  }

  private static String addressText(byte[] a) {
    return a.length == 4 || a.length == 16 ? IpAddresses.format(a) : HexFormat.of().formatHex(a);
  }
}
