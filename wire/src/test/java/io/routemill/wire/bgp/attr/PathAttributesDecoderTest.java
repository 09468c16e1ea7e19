package io.routemill.wire.bgp.attr;

import static io.routemill.wire.bgp.Wire.bytes;
import static io.routemill.wire.bgp.Wire.withBuf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Attribute sections on their own; warning offsets count from the section's first byte. */
class PathAttributesDecoderTest {
  static PathAttributes decode(String hex, DecodeContext ctx, AttributeForm form) {
    return withBuf(hex, buf -> {
      int len = buf.readableBytes();
      PathAttributes a = PathAttributesDecoder.decode(buf, len, ctx, form);
      assertFalse(buf.isReadable());
      return a;
    });
  }

  static PathAttributes decode(String hex) {
    return decode(hex, DecodeContext.DEFAULT, AttributeForm.UPDATE);
  }

  /** Asserts exactly one warning, with this action, subcode and offset. */
  static void assertWarning(PathAttributes a, Rfc7606Action action, int subcode, int offset) {
    assertEquals(1, a.warnings().size(), a.warnings().toString());
    BgpError e = a.warnings().get(0);
    assertEquals(BgpError.UPDATE_MESSAGE_ERROR, e.code());
    assertEquals(action, e.action(), e.reason());
    assertEquals(subcode, e.subcode(), e.reason());
    assertEquals(offset, e.offset(), e.reason());
  }

  // --- golden values of each type --------------------------------------------------------------------------

  @Test
  void goldenValues() {
    PathAttributes a = decode(""
        + "40 01 01 01" // ORIGIN EGP
        + "40 02 0a 02 02 fde8 fde9 01 01 fdea" // AS_PATH SEQ [65000 65001] SET {65002}
        + "40 03 04 c0000201" // NEXT_HOP 192.0.2.1
        + "80 04 04 ffffffff" // MED 4294967295 (unsigned)
        + "40 05 04 00000064" // LOCAL_PREF 100
        + "40 06 00" // ATOMIC_AGGREGATE
        + "c0 07 06 fde8 c0000202" // AGGREGATOR 65000 192.0.2.2
        + "c0 08 08 fde80001 ffffff01" // COMMUNITIES 65000:1 NO_EXPORT
        + "80 09 04 0a000001" // ORIGINATOR_ID 10.0.0.1
        + "80 0a 08 0a000002 0a000003" // CLUSTER_LIST
        + "c0 10 08 0002fde800000064" // EXTENDED COMMUNITIES rt 65000:100
        + "c0 11 06 02 01 00011170" // AS4_PATH [70000]
        + "c0 12 08 00011170 c0000203" // AS4_AGGREGATOR 70000 192.0.2.3
        + "80 1a 0b 01 000b 0000000000000064" // AIGP TLV: metric 100
        + "c0 20 0c 0000fde8 00000001 00000002" // LARGE_COMMUNITY 65000:1:2
        + "c0 23 04 0000fde8" // OTC 65000
        + "c0 63 02 abcd"); // unknown optional transitive 99
    assertEquals(List.of(), a.warnings());
    assertEquals(17, a.all().size());
    assertEquals(1, a.origin().origin());
    assertEquals(List.of(AsPathSegment.sequence(65000, 65001), AsPathSegment.set(65002)), a.asPath().segments());
    assertArrayEquals(bytes("c0000201"), a.nextHop().address());
    assertEquals(0xffffffffL, a.med().value());
    assertEquals(100, a.localPref().value());
    assertNotNull(a.atomicAggregate());
    assertEquals(new Attr07Aggregator(0xc0, 65000, bytes("c0000202")), a.aggregator());
    assertArrayEquals(new int[] {0xfde80001, 0xffffff01}, a.communities().values());
    assertEquals(new Attr09OriginatorId(bytes("0a000001")), a.get(PathAttribute.ORIGINATOR_ID));
    assertArrayEquals(new int[] {0x0a000002, 0x0a000003}, ((Attr10ClusterList) a.get(10)).ids());
    assertArrayEquals(new long[] {0x0002fde800000064L}, a.extendedCommunities().values());
    assertEquals(List.of(AsPathSegment.sequence(70000)), a.as4Path().segments());
    assertEquals(new Attr18As4Aggregator(70000, bytes("c0000203")), a.as4Aggregator());
    assertEquals(new Attr26Aigp(100), a.get(PathAttribute.AIGP));
    assertArrayEquals(new int[] {65000, 1, 2}, a.largeCommunities().values());
    assertEquals(65000, a.otc().asn());
    assertEquals(new UnknownAttribute(0xc0, 99, bytes("abcd")), a.get(99));
    // AGGREGATOR is not AS_TRANS, so RFC 6793 §4.2.3 says ignore AS4_PATH and AS4_AGGREGATOR
    assertEquals(a.asPath().segments(), a.effectiveAsPath());
    assertEquals(65000, a.effectiveAggregator().asn());
  }

  @Test
  void fourOctetAggregatorAndPath() {
    PathAttributes a = decode("40 02 06 02 01 00011170" + "c0 07 08 00011170 c0000202", DecodeContext.AS4,
        AttributeForm.UPDATE);
    assertEquals(List.of(AsPathSegment.sequence(70000)), a.asPath().segments());
    assertEquals(70000, a.aggregator().asn());
  }

  // --- RFC 7606 ---------------------------------------------------------------------------------------------

  @Test
  void originErrors() {
    assertWarning(decode("40 01 02 00 00"), Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.ATTRIBUTE_LENGTH_ERROR, 0);
    PathAttributes badValue = decode("40 02 00" + "40 01 01 03");
    assertWarning(badValue, Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.INVALID_ORIGIN_ATTRIBUTE, 3);
    assertNull(badValue.origin());
    assertNotNull(badValue.asPath());
  }

  @Test
  void flagConflicts() {
    // RFC 7606 §3 c: Optional/Transitive bits wrong: treat-as-withdraw; the value itself is fine and kept
    PathAttributes optional = decode("c0 01 01 00");
    assertWarning(optional, Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.ATTRIBUTE_FLAGS_ERROR, 0);
    assertEquals(0xc0, optional.origin().flags());
    // RFC 4271 §4.3: Partial must be 0 on well-known attributes
    assertWarning(decode("60 01 01 00"), Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.ATTRIBUTE_FLAGS_ERROR, 0);
    // ... but may be set on optional transitive ones
    assertEquals(List.of(), decode("e0 08 04 fde80001").warnings());
    // Extended Length on a short attribute is legal (RFC 7606 §3 ...) and kept for re-encoding
    PathAttributes ext = decode("50 01 0001 02");
    assertEquals(List.of(), ext.warnings());
    assertEquals(0x50, ext.origin().flags());
    // ATOMIC_AGGREGATE: §7.6 says discard, flags conflicts included
    PathAttributes aa = decode("c0 06 00");
    assertWarning(aa, Rfc7606Action.ATTRIBUTE_DISCARD, BgpError.ATTRIBUTE_FLAGS_ERROR, 0);
    assertNull(aa.atomicAggregate());
  }

  @Test
  void malformedAsPath() {
    // RFC 7606 §7.2: each is treat-as-withdraw and leaves no AS_PATH
    String[] bad = {
        "40 02 04 02 02 0001", // segment of 2 ASes, room for 1: overrun
        "40 02 02 02 00", // zero-length segment
        "40 02 04 05 01 0001", // segment type 5
        "40 02 05 02 01 0001 02", // one byte left after the last segment
    };
    for (String hex : bad) {
      PathAttributes a = decode("40 01 01 00" + hex);
      assertWarning(a, Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.MALFORMED_AS_PATH, 4);
      assertNull(a.asPath());
      assertNotNull(a.origin());
    }
    // The same 2-octet path read on a 4-octet session overruns.
    assertWarning(decode("40 02 06 02 02 fde8 fde9", DecodeContext.AS4, AttributeForm.UPDATE),
        Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.MALFORMED_AS_PATH, 0);
    // RFC 6793 §6: a malformed AS4_PATH is only discarded
    PathAttributes as4 = decode("c0 11 03 02 01 00");
    assertWarning(as4, Rfc7606Action.ATTRIBUTE_DISCARD, BgpError.MALFORMED_AS_PATH, 0);
    assertNull(as4.as4Path());
  }

  @Test
  void lengthErrorsPerAttribute() {
    Rfc7606Action taw = Rfc7606Action.TREAT_AS_WITHDRAW;
    Rfc7606Action discard = Rfc7606Action.ATTRIBUTE_DISCARD;
    int len = BgpError.ATTRIBUTE_LENGTH_ERROR;
    assertWarning(decode("40 03 05 c000020100"), taw, len, 0); // NEXT_HOP §7.3
    assertWarning(decode("80 04 03 000001"), taw, len, 0); // MED §7.4
    assertWarning(decode("40 05 02 0001"), taw, len, 0); // LOCAL_PREF §7.5
    assertWarning(decode("40 06 01 00"), discard, len, 0); // ATOMIC_AGGREGATE §7.6
    assertWarning(decode("c0 07 08 0000fde8 c0000201"), discard, len, 0); // AGGREGATOR §7.7 (2-octet session)
    assertWarning(decode("c0 08 06 fde800010000"), taw, len, 0); // COMMUNITIES §7.8
    assertWarning(decode("c0 08 00"), taw, len, 0); // ... must be non-zero
    assertWarning(decode("80 09 05 0a00000100"), taw, len, 0); // ORIGINATOR_ID §7.9
    assertWarning(decode("80 0a 02 0a00"), taw, len, 0); // CLUSTER_LIST §7.10
    assertWarning(decode("c0 10 04 00020001"), taw, len, 0); // EXTENDED COMMUNITIES §7.14
    assertWarning(decode("c0 12 06 fde8 c0000201"), discard, len, 0); // AS4_AGGREGATOR, RFC 6793 §6
    assertWarning(decode("c0 20 08 0000fde800000001"), taw, len, 0); // LARGE_COMMUNITY, RFC 8092 §6
    assertWarning(decode("c0 23 03 00fde8"), taw, len, 0); // OTC, RFC 9234 §5
    assertWarning(decode("80 1a 04 02 0004 00"), discard, BgpError.OPTIONAL_ATTRIBUTE_ERROR, 0); // AIGP, RFC 7311
  }

  @Test
  void duplicates() {
    // RFC 7606 §3 g: later copies are discarded ...
    PathAttributes a = decode("c0 08 04 fde80001" + "c0 08 04 fde80002");
    assertWarning(a, Rfc7606Action.ATTRIBUTE_DISCARD, BgpError.MALFORMED_ATTRIBUTE_LIST, 7);
    assertArrayEquals(new int[] {0xfde80001}, a.communities().values());
    assertEquals(1, a.all().size());
    // ... except MP_REACH_NLRI / MP_UNREACH_NLRI, which reset the session
    assertWarning(decode("80 0f 03 0002 01" + "80 0f 03 0002 01"),
        Rfc7606Action.SESSION_RESET, BgpError.MALFORMED_ATTRIBUTE_LIST, 6);
  }

  @Test
  void attributeSectionFraming() {
    // RFC 7606 §4: an attribute overrunning the section is treat-as-withdraw; what came before is kept
    PathAttributes overrun = decode("40 01 01 00" + "c0 08 08 fde80001");
    assertWarning(overrun, Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.ATTRIBUTE_LENGTH_ERROR, 4);
    assertNotNull(overrun.origin());
    assertNull(overrun.communities());
    // ... fewer bytes left than an attribute header (3, or 4 with Extended Length)
    assertWarning(decode("40 01 01 00" + "40 01"), Rfc7606Action.TREAT_AS_WITHDRAW,
        BgpError.MALFORMED_ATTRIBUTE_LIST, 4);
    assertWarning(decode("40 01 01 00" + "50 01 00"), Rfc7606Action.TREAT_AS_WITHDRAW,
        BgpError.MALFORMED_ATTRIBUTE_LIST, 4);
    // ... but an overrunning MP attribute hides routes that must go: session reset
    assertWarning(decode("80 0e 20 0002 01 10 20010db8000000000000000000000001"),
        Rfc7606Action.SESSION_RESET, BgpError.ATTRIBUTE_LENGTH_ERROR, 0);
  }

  @Test
  void unknownAttributes() {
    // RFC 4271 §6.3: an unrecognized well-known attribute is fatal; it is still kept raw
    PathAttributes wk = decode("40 63 02 abcd");
    assertWarning(wk, Rfc7606Action.SESSION_RESET, BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, 0);
    assertEquals(new UnknownAttribute(0x40, 99, bytes("abcd")), wk.get(99));
    // optional transitive with Partial: kept with its flags, nothing to report
    PathAttributes opt = decode("e0 63 02 abcd");
    assertEquals(List.of(), opt.warnings());
    assertEquals(0xe0, opt.all().get(0).flags());
  }

  // --- MP_REACH / MP_UNREACH ---------------------------------------------------------------------------------

  @Test
  void mpReachErrors() {
    // RFC 7606 §7.11: next-hop length wrong for the family: AFI/SAFI disable
    assertWarning(decode("80 0e 0a 0002 01 05 0102030405 00"),
        Rfc7606Action.AFI_SAFI_DISABLE, BgpError.OPTIONAL_ATTRIBUTE_ERROR, 0);
    // next hop running past the attribute: AFI/SAFI disable
    assertWarning(decode("80 0e 06 0002 01 10 0000"),
        Rfc7606Action.AFI_SAFI_DISABLE, BgpError.OPTIONAL_ATTRIBUTE_ERROR, 0);
    // too short for AFI/SAFI: nothing known, session reset
    assertWarning(decode("80 0e 02 0002"), Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, 0);
    assertWarning(decode("80 0f 02 0002"), Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, 0);
    // RFC 7606 §5.3: incorrect NLRI in MP_REACH: AFI/SAFI disable, at the bad prefix; earlier routes kept
    PathAttributes nlri = decode("40 01 01 00 40 02 00" + "80 0e 20 0002 01 10 20010db8000000000000000000000001 00"
        + "40 20010db800000000" // 2001:db8::/64
        + "81 00"); // /129
    assertWarning(nlri, Rfc7606Action.AFI_SAFI_DISABLE, BgpError.OPTIONAL_ATTRIBUTE_ERROR, 7 + 33);
    assertEquals(List.of(Route.of(Prefix.parse("2001:db8::/64"))), nlri.mpReach().routes());
  }

  @Test
  void ipv4RoutesWithIpv6NextHop() {
    // RFC 8950: IPv4 unicast NLRI with a 16-byte next hop
    PathAttributes a = decode("40 01 01 00 40 02 00" + "80 0e 1d 0001 01 10 20010db8000000000000000000000001 00 18 c00002 18 c63364");
    assertEquals(List.of(), a.warnings());
    assertEquals(AfiSafi.IPV4_UNICAST, a.mpReach().family());
    assertEquals(List.of(Route.of(Prefix.parse("192.0.2.0/24")), Route.of(Prefix.parse("198.51.100.0/24"))),
        a.mpReach().routes());
  }

  @Test
  void mpAddPathFollowsTheContextPerFamily() {
    String hex = "80 0f 0e 0002 01 00000007 30 20010db80001";
    DecodeContext v6 = new DecodeContext(true, Set.of(AfiSafi.IPV6_UNICAST), false);
    assertEquals(List.of(new Route(Prefix.parse("2001:db8:1::/48"), 7)),
        decode(hex, v6, AttributeForm.UPDATE).mpUnreach().routes());
    // ADD-PATH for IPv4 only: the IPv6 NLRI has no path id, so "00" reads as ::/0 and the rest goes wrong
    DecodeContext v4 = new DecodeContext(true, Set.of(AfiSafi.IPV4_UNICAST), false);
    PathAttributes wrong = decode(hex, v4, AttributeForm.UPDATE);
    assertTrue(wrong.mpUnreach().routes().stream().noneMatch(Route::hasPathId));
    assertEquals(Route.of(Prefix.parse("::/0")), wrong.mpUnreach().routes().get(0));
  }

  @Test
  void undecodedFamiliesKeepRawNlri() {
    PathAttributes a = decode("80 0f 0f 0001 80 58 000001 0000fde800000001"); // VPNv4 withdraw, no prefix
    assertEquals(new AfiSafi(1, 128), a.mpUnreach().family());
    assertArrayEquals(bytes("58000001 0000fde800000001"), a.mpUnreach().rawNlri());
    assertTrue(a.mpUnreach().routes().isEmpty());
  }

  @Test
  void mrtRibEntryAbbreviatedMpReach() {
    // mrtparse openbgpd_rib_table-v2: RFC 6396 §4.3.4 form, next-hop length + next hop only
    PathAttributes v2 = decode("40 01 01 02" + "40 02 00" + "80 04 04 00000001" + "40 05 04 00000064"
        + "80 0e 11 10 20010db8000000010000000000000010", DecodeContext.AS4, AttributeForm.MRT_RIB_ENTRY);
    assertEquals(List.of(), v2.warnings());
    assertEquals(AfiSafi.IPV6_UNICAST, v2.mpReach().family());
    assertEquals("2001:db8:0:1::10", io.routemill.wire.bgp.IpAddresses.format(v2.mpReach().nextHop()));
    assertTrue(v2.mpReach().routes().isEmpty());
    // mrtparse openbgpd_rib_table (TABLE_DUMP v1): the full RFC 4760 form, without NLRI, is detected too
    PathAttributes v1 = decode("40 01 01 02" + "40 02 00" + "80 04 04 00000001" + "40 05 04 00000064"
        + "80 0e 15 0002 01 10 20010db8000000010000000000000010 00", DecodeContext.DEFAULT,
        AttributeForm.MRT_RIB_ENTRY);
    assertEquals(List.of(), v1.warnings());
    assertEquals(AfiSafi.IPV6_UNICAST, v1.mpReach().family());
    assertEquals(16, v1.mpReach().nextHop().length);
    // IPv4 next hop (4 bytes) and IPv6 global + link-local (32 bytes)
    assertEquals(AfiSafi.IPV4_UNICAST, decode("80 0e 05 04 c0000201", DecodeContext.AS4,
        AttributeForm.MRT_RIB_ENTRY).mpReach().family());
    assertEquals(32, decode("80 0e 21 20" + "00".repeat(32), DecodeContext.AS4,
        AttributeForm.MRT_RIB_ENTRY).mpReach().nextHop().length);
    // No missing-attribute checks in RIB entries
    assertEquals(List.of(), decode("80 0e 05 04 c0000201", DecodeContext.AS4, AttributeForm.MRT_RIB_ENTRY).warnings());
  }

  @Test
  void truncatedSectionIsSessionReset() {
    withBuf("40 01 01 00", buf -> {
      PathAttributes a = PathAttributesDecoder.decode(buf, 10, DecodeContext.DEFAULT, AttributeForm.UPDATE);
      assertEquals(Rfc7606Action.SESSION_RESET, a.warnings().get(0).action());
      assertNotNull(a.origin());
      assertFalse(buf.isReadable());
      return null;
    });
  }

  // --- RFC 6793 §4.2.3 --------------------------------------------------------------------------------------

  static PathAttributes paths(List<AsPathSegment> asPath, List<AsPathSegment> as4Path, PathAttribute... more) {
    List<PathAttribute> all = new java.util.ArrayList<>(List.of(new Attr02AsPath(asPath), new Attr17As4Path(as4Path)));
    all.addAll(List.of(more));
    return new PathAttributes(all, List.of(), false);
  }

  @Test
  void effectiveAsPath() {
    // AS_PATH counts 4 (a set counts 1), AS4_PATH 3: keep 1 leading AS of AS_PATH, join the sequences
    PathAttributes a = paths(List.of(AsPathSegment.sequence(100, 23456, 200), AsPathSegment.set(23456, 300)),
        List.of(AsPathSegment.sequence(70000, 200), AsPathSegment.set(80000, 300)));
    assertEquals(List.of(AsPathSegment.sequence(100, 70000, 200), AsPathSegment.set(80000, 300)),
        a.effectiveAsPath());
    // AS4_PATH longer than AS_PATH: ignored
    PathAttributes longer = paths(List.of(AsPathSegment.sequence(23456)), List.of(AsPathSegment.sequence(70000, 1)));
    assertEquals(List.of(AsPathSegment.sequence(23456)), longer.effectiveAsPath());
    // a leading confederation segment is kept, not counted
    AsPathSegment confed = new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, new long[] {65001});
    PathAttributes c = paths(List.of(confed, AsPathSegment.sequence(23456, 200)),
        List.of(AsPathSegment.sequence(70000, 200)));
    assertEquals(List.of(confed, AsPathSegment.sequence(70000, 200)), c.effectiveAsPath());
    // AGGREGATOR with a real 2-octet AS: AS4_PATH and AS4_AGGREGATOR are ignored
    PathAttributes agg = paths(List.of(AsPathSegment.sequence(23456)), List.of(AsPathSegment.sequence(70000)),
        new Attr07Aggregator(65000, bytes("c0000201")), new Attr18As4Aggregator(70000, bytes("c0000202")));
    assertEquals(List.of(AsPathSegment.sequence(23456)), agg.effectiveAsPath());
    assertEquals(65000, agg.effectiveAggregator().asn());
    // AGGREGATOR = AS_TRANS: AS4_AGGREGATOR wins, AS4_PATH is used
    PathAttributes trans = paths(List.of(AsPathSegment.sequence(23456)), List.of(AsPathSegment.sequence(70000)),
        new Attr07Aggregator(23456, bytes("c0000201")), new Attr18As4Aggregator(70000, bytes("c0000202")));
    assertEquals(List.of(AsPathSegment.sequence(70000)), trans.effectiveAsPath());
    assertEquals(new Attr07Aggregator(0xc0, 70000, bytes("c0000202")), trans.effectiveAggregator());
    // 4-octet session: AS4_PATH carries nothing new
    PathAttributes four = new PathAttributes(List.of(new Attr02AsPath(List.of(AsPathSegment.sequence(70000))),
        new Attr17As4Path(List.of(AsPathSegment.sequence(1)))), List.of(), true);
    assertEquals(List.of(AsPathSegment.sequence(70000)), four.effectiveAsPath());
    assertNull(PathAttributes.EMPTY.effectiveAsPath());
  }
}
