package io.routemill.wire.bgp.attr;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.NlriDecoder;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a path attribute section (RFC 4271 §4.3) with the revised error handling of RFC 7606.
 *
 * <p>Framing (RFC 7606 §4): an attribute whose length runs past the section, or fewer bytes left than an
 * attribute header, is treat-as-withdraw and ends the section; the caller's Total Path Attribute Length still
 * locates the NLRI. An overrunning MP_REACH/MP_UNREACH is session reset: its routes cannot be found.
 * Per attribute: flags conflicting with the type's Optional/Transitive bits (or a Partial bit on a well-known or
 * optional non-transitive attribute, RFC 4271 §5) are treat-as-withdraw (§3 c) unless the type's RFC says
 * discard; value errors follow §7 and the attributes' own RFCs. A discarded or unparseable attribute is dropped
 * and reported; a well-formed value with conflicting flags is kept (its NLRI is needed to withdraw). A repeated
 * type is discarded, except a repeated MP_REACH/MP_UNREACH, which is session reset (§3 g). An unrecognized
 * well-known attribute is kept raw and reported as session reset (RFC 4271 §6.3, not revised by RFC 7606).
 *
 * <p>Offsets in warnings are those of the attribute's flags byte (of the prefix for NLRI errors). Nothing is
 * allocated from an untrusted length before checking that the bytes exist.
 */
public final class PathAttributesDecoder {
  private final ByteBuf buf;
  private final DecodeContext ctx;
  private final AttributeForm form;
  private final int offsetDelta;
  private final List<BgpError> warnings = new ArrayList<>(0);
  private final long[] seen = new long[4];
  private int attrOffset;

  private PathAttributesDecoder(ByteBuf buf, DecodeContext ctx, AttributeForm form, int offsetDelta) {
    this.buf = buf;
    this.ctx = ctx;
    this.form = form;
    this.offsetDelta = offsetDelta;
  }

  /**
   * Decodes {@code length} bytes of attributes at the reader index and advances past them (or past what is
   * readable, if less; that shortfall is reported as session reset). Warning offsets count from the section's
   * first byte. In {@link AttributeForm#UPDATE} form, ORIGIN and AS_PATH are required (RFC 7606 §3 d) when
   * MP_REACH_NLRI carries NLRI; UPDATE decoding uses the other overload, which also knows about the NLRI field.
   */
  public static PathAttributes decode(ByteBuf buf, int length, DecodeContext ctx, AttributeForm form) {
    return decode(buf, length, ctx, form, 0, false);
  }

  /**
   * As {@link #decode(ByteBuf, int, DecodeContext, AttributeForm)}, with warning offsets relative to the
   * message ({@code offsetBase} = offset of the section's first byte in the message) and, when
   * {@code nlriFieldPresent} (the UPDATE's own NLRI field is not empty), the RFC 7606 §3 d check for missing
   * ORIGIN, AS_PATH and NEXT_HOP. ORIGIN and AS_PATH are also required when MP_REACH_NLRI carries NLRI.
   */
  public static PathAttributes decode(ByteBuf buf, int length, DecodeContext ctx, AttributeForm form,
      int offsetBase, boolean nlriFieldPresent) {
    int start = buf.readerIndex();
    PathAttributesDecoder d = new PathAttributesDecoder(buf, ctx, form, offsetBase - start);
    int avail = Math.max(0, Math.min(length, buf.readableBytes()));
    if (avail < length) {
      d.warn(Rfc7606Action.SESSION_RESET, BgpError.MALFORMED_ATTRIBUTE_LIST, start,
          "attribute section of " + length + " bytes but only " + avail + " present");
    }
    List<PathAttribute> attrs = d.decodeAll(start, start + avail);
    buf.readerIndex(start + avail);
    if (form == AttributeForm.UPDATE) d.checkMandatory(attrs, nlriFieldPresent, start);
    return new PathAttributes(attrs, d.warnings, ctx.fourOctetAs());
  }

  private List<PathAttribute> decodeAll(int start, int end) {
    List<PathAttribute> attrs = new ArrayList<>(8);
    int p = start;
    while (p < end) {
      attrOffset = p;
      int flags = buf.getUnsignedByte(p);
      boolean ext = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
      int header = ext ? 4 : 3;
      if (end - p < header) {
        warn(Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.MALFORMED_ATTRIBUTE_LIST, p,
            (end - p) + " trailing bytes, too few for an attribute header");
        break;
      }
      int type = buf.getUnsignedByte(p + 1);
      int len = ext ? buf.getUnsignedShort(p + 2) : buf.getUnsignedByte(p + 2);
      int v = p + header;
      if (len > end - v) {
        boolean mp = type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI;
        warn(mp ? Rfc7606Action.SESSION_RESET : Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.ATTRIBUTE_LENGTH_ERROR, p,
            "attribute " + type + " length " + len + " overruns the attribute section by " + (len - (end - v)));
        break;
      }
      p = v + len;
      if ((seen[type >>> 6] & (1L << type)) != 0) {
        boolean mp = type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI;
        warn(mp ? Rfc7606Action.SESSION_RESET : Rfc7606Action.ATTRIBUTE_DISCARD, BgpError.MALFORMED_ATTRIBUTE_LIST,
            attrOffset, "duplicate attribute " + type + (mp ? "" : " discarded"));
        continue;
      }
      seen[type >>> 6] |= 1L << type;
      PathAttribute a = decodeOne(flags, type, v, len);
      if (a != null) attrs.add(a);
    }
    return attrs;
  }

  private PathAttribute decodeOne(int flags, int type, int v, int len) {
    switch (type) {
      case PathAttribute.ORIGIN: {
        if (!flagsOk(flags, PathAttribute.WELL_KNOWN, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len != 1) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "ORIGIN", len);
        int origin = buf.getUnsignedByte(v);
        if (origin > 2) {
          return error(Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.INVALID_ORIGIN_ATTRIBUTE, "ORIGIN value " + origin);
        }
        return new Attr01Origin(flags, origin);
      }
      case PathAttribute.AS_PATH: {
        if (!flagsOk(flags, PathAttribute.WELL_KNOWN, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        List<AsPathSegment> segs = asPath(v, len, ctx.fourOctetAs() ? 4 : 2, Rfc7606Action.TREAT_AS_WITHDRAW, "AS_PATH");
        return segs == null ? null : new Attr02AsPath(flags, segs);
      }
      case PathAttribute.NEXT_HOP:
        if (!flagsOk(flags, PathAttribute.WELL_KNOWN, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len != 4) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "NEXT_HOP", len);
        return new Attr03NextHop(flags, bytes(v, 4));
      case PathAttribute.MULTI_EXIT_DISC:
        if (!flagsOk(flags, PathAttribute.OPTIONAL_NON_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len != 4) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "MULTI_EXIT_DISC", len);
        return new Attr04Med(flags, buf.getUnsignedInt(v));
      case PathAttribute.LOCAL_PREF:
        if (!flagsOk(flags, PathAttribute.WELL_KNOWN, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len != 4) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "LOCAL_PREF", len);
        return new Attr05LocalPref(flags, buf.getUnsignedInt(v));
      case PathAttribute.ATOMIC_AGGREGATE:
        // RFC 7606 §7.6: a malformed ATOMIC_AGGREGATE is discarded, flags conflicts included (§3 c exception).
        if (!flagsOk(flags, PathAttribute.WELL_KNOWN, Rfc7606Action.ATTRIBUTE_DISCARD)) return null;
        if (len != 0) return lengthError(Rfc7606Action.ATTRIBUTE_DISCARD, "ATOMIC_AGGREGATE", len);
        return new Attr06AtomicAggregate(flags);
      case PathAttribute.AGGREGATOR: {
        // RFC 7606 §7.7: length must be 6 or 8 per the session's AS size, else discard.
        if (!flagsOk(flags, PathAttribute.OPTIONAL_TRANSITIVE, Rfc7606Action.ATTRIBUTE_DISCARD)) return null;
        int asSize = ctx.fourOctetAs() ? 4 : 2;
        if (len != asSize + 4) return lengthError(Rfc7606Action.ATTRIBUTE_DISCARD, "AGGREGATOR", len);
        long asn = asSize == 4 ? buf.getUnsignedInt(v) : buf.getUnsignedShort(v);
        return new Attr07Aggregator(flags, asn, bytes(v + asSize, 4));
      }
      case PathAttribute.COMMUNITIES:
        // RFC 7606 §7.8
        if (!flagsOk(flags, PathAttribute.OPTIONAL_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len == 0 || len % 4 != 0) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "COMMUNITIES", len);
        return new Attr08Communities(flags, ints(v, len));
      case PathAttribute.ORIGINATOR_ID:
        // RFC 7606 §7.9
        if (!flagsOk(flags, PathAttribute.OPTIONAL_NON_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len != 4) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "ORIGINATOR_ID", len);
        return new Attr09OriginatorId(flags, bytes(v, 4));
      case PathAttribute.CLUSTER_LIST:
        // RFC 7606 §7.10
        if (!flagsOk(flags, PathAttribute.OPTIONAL_NON_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len == 0 || len % 4 != 0) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "CLUSTER_LIST", len);
        return new Attr10ClusterList(flags, ints(v, len));
      case PathAttribute.MP_REACH_NLRI:
        flagsOk(flags, PathAttribute.OPTIONAL_NON_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW);
        return MpNlriDecoder.reach(this, flags, v, len);
      case PathAttribute.MP_UNREACH_NLRI:
        flagsOk(flags, PathAttribute.OPTIONAL_NON_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW);
        return MpNlriDecoder.unreach(this, flags, v, len);
      case PathAttribute.EXTENDED_COMMUNITIES:
        // RFC 7606 §7.14
        if (!flagsOk(flags, PathAttribute.OPTIONAL_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len == 0 || len % 8 != 0) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "EXTENDED_COMMUNITIES", len);
        return new Attr16ExtendedCommunities(flags, longs(v, len));
      case PathAttribute.AS4_PATH: {
        // RFC 6793 §6: a malformed AS4_PATH is discarded and the UPDATE processed on.
        if (!flagsOk(flags, PathAttribute.OPTIONAL_TRANSITIVE, Rfc7606Action.ATTRIBUTE_DISCARD)) return null;
        List<AsPathSegment> segs = asPath(v, len, 4, Rfc7606Action.ATTRIBUTE_DISCARD, "AS4_PATH");
        return segs == null ? null : new Attr17As4Path(flags, segs);
      }
      case PathAttribute.AS4_AGGREGATOR:
        // RFC 6793 §6: length other than 8 → discard.
        if (!flagsOk(flags, PathAttribute.OPTIONAL_TRANSITIVE, Rfc7606Action.ATTRIBUTE_DISCARD)) return null;
        if (len != 8) return lengthError(Rfc7606Action.ATTRIBUTE_DISCARD, "AS4_AGGREGATOR", len);
        return new Attr18As4Aggregator(flags, buf.getUnsignedInt(v), bytes(v + 4, 4));
      case PathAttribute.AIGP:
        // RFC 7311 §3.1: a malformed AIGP is handled like an unrecognized non-transitive attribute: dropped.
        if (!flagsOk(flags, PathAttribute.OPTIONAL_NON_TRANSITIVE, Rfc7606Action.ATTRIBUTE_DISCARD)) return null;
        return aigp(flags, v, len);
      case PathAttribute.LARGE_COMMUNITIES:
        // RFC 8092 §5/§6
        if (!flagsOk(flags, PathAttribute.OPTIONAL_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len == 0 || len % 12 != 0) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "LARGE_COMMUNITY", len);
        return new Attr32LargeCommunities(flags, ints(v, len));
      case PathAttribute.ONLY_TO_CUSTOMER:
        // RFC 9234 §5: malformed (length other than 4) → treat-as-withdraw.
        if (!flagsOk(flags, PathAttribute.OPTIONAL_TRANSITIVE, Rfc7606Action.TREAT_AS_WITHDRAW)) return null;
        if (len != 4) return lengthError(Rfc7606Action.TREAT_AS_WITHDRAW, "OTC", len);
        return new Attr35OnlyToCustomer(flags, buf.getUnsignedInt(v));
      default:
        if ((flags & PathAttribute.FLAG_OPTIONAL) == 0) {
          error(Rfc7606Action.SESSION_RESET, BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE,
              "unrecognized well-known attribute " + type);
        }
        return new UnknownAttribute(flags, type, bytes(v, len));
    }
  }

  /**
   * Checks the Optional and Transitive bits against {@code expected}, and that Partial is clear unless the
   * attribute is optional transitive (RFC 4271 §4.3). On a conflict, reports {@code action}; returns false
   * when that action means the attribute is dropped.
   */
  private boolean flagsOk(int flags, int expected, Rfc7606Action action) {
    boolean partialAllowed = expected == PathAttribute.OPTIONAL_TRANSITIVE;
    if ((flags & 0xC0) == expected && (partialAllowed || (flags & PathAttribute.FLAG_PARTIAL) == 0)) return true;
    error(action, BgpError.ATTRIBUTE_FLAGS_ERROR,
        "attribute flags 0x" + Integer.toHexString(flags) + " conflict with the type (expected 0x"
            + Integer.toHexString(expected) + ")");
    return action != Rfc7606Action.ATTRIBUTE_DISCARD;
  }

  /** RFC 4271 §4.3 segments; RFC 7606 §7.2 malformations (overrun, underrun, zero length, unknown type). */
  private List<AsPathSegment> asPath(int v, int len, int asSize, Rfc7606Action action, String name) {
    List<AsPathSegment> segs = new ArrayList<>(2);
    int end = v + len;
    int p = v;
    while (p < end) {
      if (end - p < 2) return malformedPath(action, name + " has a single trailing byte");
      int type = buf.getUnsignedByte(p);
      int count = buf.getUnsignedByte(p + 1);
      if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET) {
        return malformedPath(action, name + " segment type " + type);
      }
      if (count == 0) return malformedPath(action, name + " segment of length zero");
      if (count * asSize > end - p - 2) {
        return malformedPath(action, name + " segment of " + count + " ASes overruns the attribute");
      }
      long[] asns = new long[count];
      int q = p + 2;
      if (asSize == 4) {
        for (int i = 0; i < count; i++, q += 4) asns[i] = buf.getUnsignedInt(q);
      } else {
        for (int i = 0; i < count; i++, q += 2) asns[i] = buf.getUnsignedShort(q);
      }
      segs.add(new AsPathSegment(type, asns));
      p = q;
    }
    return segs;
  }

  private List<AsPathSegment> malformedPath(Rfc7606Action action, String reason) {
    return error(action, BgpError.MALFORMED_AS_PATH, reason);
  }

  private PathAttribute aigp(int flags, int v, int len) {
    int end = v + len;
    for (int p = v; p < end; ) {
      if (end - p < 3) break;
      int tlvType = buf.getUnsignedByte(p);
      int tlvLen = buf.getUnsignedShort(p + 1); // RFC 7311 §3: the length includes type and length fields
      if (tlvLen < 3 || tlvLen > end - p) break;
      if (tlvType == 1) {
        if (tlvLen != 11) break;
        return new Attr26Aigp(flags, buf.getLong(p + 3));
      }
      p += tlvLen;
    }
    return error(Rfc7606Action.ATTRIBUTE_DISCARD, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "AIGP without a valid AIGP TLV");
  }

  /** RFC 7606 §3 d, for UPDATEs only: the NLRI of a message lacking ORIGIN/AS_PATH (NEXT_HOP) is withdrawn. */
  private void checkMandatory(List<PathAttribute> attrs, boolean nlriField, int sectionStart) {
    boolean mpNlri = false;
    for (PathAttribute a : attrs) {
      if (a instanceof Attr14MpReach r && r.hasNlri()) mpNlri = true;
    }
    if (!nlriField && !mpNlri) return;
    attrOffset = sectionStart;
    missing(PathAttribute.ORIGIN, "ORIGIN");
    missing(PathAttribute.AS_PATH, "AS_PATH");
    if (nlriField) missing(PathAttribute.NEXT_HOP, "NEXT_HOP");
  }

  private void missing(int type, String name) {
    // A present-but-malformed attribute was already reported; do not report it twice.
    if ((seen[0] & (1L << type)) == 0) {
      error(Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.MISSING_WELL_KNOWN_ATTRIBUTE, "missing well-known " + name);
    }
  }

  // --- helpers shared with MpNlriDecoder ------------------------------------------------------------------

  ByteBuf buf() {
    return buf;
  }

  DecodeContext ctx() {
    return ctx;
  }

  AttributeForm form() {
    return form;
  }

  List<BgpError> warnings() {
    return warnings;
  }

  int messageOffset(int index) {
    return index + offsetDelta;
  }

  <T> T lengthError(Rfc7606Action action, String name, int len) {
    return error(action, BgpError.ATTRIBUTE_LENGTH_ERROR, name + " length " + len);
  }

  /** Reports a problem at the current attribute's flags byte; returns null for {@code return error(...)}. */
  <T> T error(Rfc7606Action action, int subcode, String reason) {
    warn(action, subcode, attrOffset, reason);
    return null;
  }

  private void warn(Rfc7606Action action, int subcode, int index, String reason) {
    warnings.add(new BgpError(BgpError.UPDATE_MESSAGE_ERROR, subcode, action, messageOffset(index), reason));
  }

  byte[] bytes(int index, int len) {
    byte[] b = new byte[len];
    buf.getBytes(index, b);
    return b;
  }

  private int[] ints(int v, int len) {
    int[] a = new int[len >>> 2];
    for (int i = 0; i < a.length; i++) a[i] = buf.getInt(v + 4 * i);
    return a;
  }

  private long[] longs(int v, int len) {
    long[] a = new long[len >>> 3];
    for (int i = 0; i < a.length; i++) a[i] = buf.getLong(v + 8 * i);
    return a;
  }

  static List<Route> newRouteList(int nlriBytes, int afi) {
    // A guess at the count from bytes actually present; never from an untrusted length field.
    return new ArrayList<>(Math.min(64, Math.max(1, nlriBytes / (afi == AfiSafi.AFI_IPV4 ? 4 : 9))));
  }

  static boolean isDecodedFamily(AfiSafi family) {
    return family.isIpPrefixFamily();
  }

  static Rfc7606Action nlriErrorAction() {
    return Rfc7606Action.AFI_SAFI_DISABLE;
  }

  static boolean decodeNlri(PathAttributesDecoder d, int from, int len, AfiSafi family, List<Route> routes) {
    return NlriDecoder.decode(d.buf, from, len, family.afi(), d.ctx.addPath(family), nlriErrorAction(),
        d.messageOffset(from), routes, d.warnings);
  }
}
