package io.routemill.wire.bgp;

import static io.routemill.wire.bgp.Wire.MARKER;
import static io.routemill.wire.bgp.Wire.bytes;
import static io.routemill.wire.bgp.Wire.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.wire.bgp.attr.UnknownAttribute;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateDecoderTest {
  static final DecodeContext ADD_PATH_V4 = new DecodeContext(true, Set.of(AfiSafi.IPV4_UNICAST), false);

  static Route route(String prefix) {
    return Route.of(Prefix.parse(prefix));
  }

  @Test
  void plainIpv4Update() {
    // packetlife BGP_soft_reset.cap frame 8, first message (Cisco IOS, 2-octet AS session)
    Update u = decode(MARKER + "003c 02"
        + "0000" // no withdrawn routes
        + "0019" // 25 bytes of attributes
        + "40 01 01 00" // ORIGIN IGP
        + "40 02 04 02 01 fe4c" // AS_PATH SEQUENCE [65100]
        + "40 03 04 01010101" // NEXT_HOP 1.1.1.1
        + "80 04 04 00000000" // MED 0
        + "18 0a0a03 18 0a0a02 18 0a0a01", DecodeContext.DEFAULT, Update.class);
    PathAttributes a = u.attributes();
    assertEquals(Attr01Origin.IGP, a.origin().origin());
    assertEquals(List.of(AsPathSegment.sequence(65100)), a.asPath().segments());
    assertEquals(List.of(AsPathSegment.sequence(65100)), a.effectiveAsPath());
    assertArrayEquals(bytes("01010101"), a.nextHop().address());
    assertEquals(0, a.med().value());
    assertNull(a.localPref());
    assertNull(a.communities());
    assertEquals(List.of(route("10.10.3.0/24"), route("10.10.2.0/24"), route("10.10.1.0/24")), u.announced());
    assertTrue(u.withdrawn().isEmpty());
    assertTrue(u.warnings().isEmpty());
    assertEquals(Rfc7606Action.NONE, u.action());
    assertFalse(u.isEndOfRib());
  }

  static final String ADD_PATH_UPDATE = MARKER + "0059 02 0000 0030"
      + "40 01 01 00" // ORIGIN IGP
      + "40 02 06 02 01 0000fbff" // AS_PATH [64511], 4-octet
      + "40 03 04 0a000e01" // NEXT_HOP 10.0.14.1
      + "80 04 04 00000000" // MED 0
      + "40 05 04 00000064" // LOCAL_PREF 100
      + "80 0a 04 0a002204" // CLUSTER_LIST [10.0.34.4]
      + "80 09 04 0a000f01" // ORIGINATOR_ID 10.0.15.1
      + "00000001 20 05050505" // path id 1, 5.5.5.5/32
      + "00000001 20 c0a80105"; // path id 1, 192.168.1.5/32

  @Test
  void addPathOnlyWhenTheContextSaysSo() {
    // packetlife bgp-add-path.cap frame 6, first message: ADD-PATH negotiated for IPv4 unicast
    Update u = decode(ADD_PATH_UPDATE, ADD_PATH_V4, Update.class);
    assertEquals(List.of(new Route(Prefix.parse("5.5.5.5/32"), 1), new Route(Prefix.parse("192.168.1.5/32"), 1)),
        u.announced());
    assertEquals(100, u.attributes().localPref().value());
    assertArrayEquals(new int[] {0x0a002204}, u.attributes().all().stream()
        .filter(x -> x.typeCode() == 10).map(x -> ((io.routemill.wire.bgp.attr.Attr10ClusterList) x).ids())
        .findFirst().orElseThrow());
    assertEquals(Rfc7606Action.NONE, u.action());

    // The same bytes without ADD-PATH in the context: no path id is guessed; the NLRI reads as nonsense
    // (0.0.0.0/0 three times, ...) until the length byte 0xc0 = 192 > 32, which is an incorrect NLRI field.
    Update plain = decode(ADD_PATH_UPDATE, DecodeContext.AS4, Update.class);
    assertTrue(plain.announced().stream().noneMatch(Route::hasPathId));
    assertEquals(route("0.0.0.0/0"), plain.announced().get(0));
    assertEquals(Rfc7606Action.SESSION_RESET, plain.action());
    BgpError last = plain.warnings().get(plain.warnings().size() - 1);
    assertEquals(BgpError.INVALID_NETWORK_FIELD, last.subcode());
    assertEquals(0x59 - 4, last.offset()); // the 0xc0 byte
  }

  @Test
  void as4PathMergedOnTwoOctetSession() {
    // packetlife 4-byte_AS_numbers_Mixed_Scenario.cap frame 2: AS4_PATH before AS_PATH, AS_PATH all AS_TRANS
    Update u = decode(MARKER + "003a 02 0000 0021"
        + "40 01 01 00"
        + "c0 11 0a 02 02 000a0001 00280001" // AS4_PATH [655361 2621441] (10.1 40.1)
        + "40 02 06 02 02 5ba0 5ba0" // AS_PATH [23456 23456]
        + "40 03 04 ac100301" // NEXT_HOP 172.16.3.1
        + "08 28", DecodeContext.DEFAULT, Update.class); // 40.0.0.0/8
    assertEquals(List.of(AsPathSegment.sequence(23456, 23456)), u.attributes().asPath().segments());
    assertEquals(List.of(AsPathSegment.sequence(655361, 2621441)), u.attributes().effectiveAsPath());
    assertEquals(List.of(route("40.0.0.0/8")), u.announced());

    // frame 3: a 2-octet AS prepended by an OLD speaker; AS4_PATH arrived with the Partial bit (0xe0)
    Update v = decode(MARKER + "0036 02 0000 001d"
        + "40 01 01 00" + "40 02 06 02 02 0002 5ba0" + "40 03 04 ac100302"
        + "e0 11 06 02 01 00280001" + "08 28", DecodeContext.DEFAULT, Update.class);
    assertEquals(List.of(AsPathSegment.sequence(2, 2621441)), v.attributes().effectiveAsPath());
    assertEquals(0xe0, v.attributes().as4Path().flags());
    assertTrue(v.warnings().isEmpty());
  }

  @Test
  void asSetAndAggregator() {
    // packetlife BGP_AS_set.cap frame 15
    Update u = decode(MARKER + "0043 02 0000 0028"
        + "40 01 01 02" // ORIGIN INCOMPLETE
        + "40 02 0a 02 01 001e 01 02 000a 0014" // SEQUENCE [30] SET {10, 20}
        + "40 03 04 0a000009" + "80 04 04 00000000"
        + "c0 07 06 001e 0a000009" // AGGREGATOR AS 30, 10.0.0.9
        + "15 ac1000", DecodeContext.DEFAULT, Update.class); // 172.16.0.0/21
    assertEquals(List.of(AsPathSegment.sequence(30), AsPathSegment.set(10, 20)), u.attributes().asPath().segments());
    assertEquals(30, u.attributes().aggregator().asn());
    assertArrayEquals(bytes("0a000009"), u.attributes().effectiveAggregator().address());
    assertEquals(List.of(route("172.16.0.0/21")), u.announced());
  }

  @Test
  void confederationSegmentsAndEmptyAsPath() {
    // packetlife "bgp as confed sequence.pcapng.cap" frame 1, messages 1 and 2
    Update empty = decode(MARKER + "0035 02 0000 001c"
        + "40 01 01 00" + "40 02 00" + "40 03 04 0a012203" + "80 04 04 00000000" + "40 05 04 00000064"
        + "08 03", DecodeContext.DEFAULT, Update.class);
    assertEquals(List.of(), empty.attributes().asPath().segments());
    assertEquals(Rfc7606Action.NONE, empty.action());
    Update confed = decode(MARKER + "003b 02 0000 0022"
        + "40 01 01 00" + "40 02 06 03 02 fff2 ffe7" // AS_CONFED_SEQUENCE (65522 65511)
        + "40 03 04 0a010c01" + "80 04 04 00000000" + "40 05 04 00000064"
        + "08 01", DecodeContext.DEFAULT, Update.class);
    assertEquals(List.of(new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, new long[] {65522, 65511})),
        confed.attributes().asPath().segments());
  }

  /** packetlife BGP_MP_NLRI.cap frame 14: IPv6 unicast with a global + link-local next hop. */
  static final String MP_NLRI_IPV6 = MARKER + "006c 02 0000 0055"
      + "40 01 01 00" + "40 02 04 02 01 fdea" + "80 04 04 00000000"
      + "80 0e 40" // MP_REACH_NLRI, 64 bytes
      + "0002 01" // IPv6 unicast
      + "20 20010db8000000000000000000000002 fe80000000000000c0020bfffe7e0000" // next hop, 32 bytes
      + "00" // reserved
      + "40 20010db800020002 40 20010db800020001 40 20010db800020000";

  @Test
  void ipv6MpReach() {
    Update u = decode(MP_NLRI_IPV6, DecodeContext.DEFAULT, Update.class);
    Attr14MpReach r = u.attributes().mpReach();
    assertEquals(AfiSafi.IPV6_UNICAST, r.family());
    assertEquals(32, r.nextHop().length);
    assertEquals("2001:db8::2", IpAddresses.format(r.globalNextHop()));
    assertEquals(List.of(route("2001:db8:2:2::/64"), route("2001:db8:2:1::/64"), route("2001:db8:2::/64")),
        r.routes());
    assertNull(r.rawNlri());
    assertTrue(u.announced().isEmpty());
    assertEquals(Rfc7606Action.NONE, u.action()); // no NEXT_HOP needed without IPv4 NLRI (RFC 4760 §3)
  }

  /** pmacct-test-automation 502-IPFIXv10-BGP-IPv6-CISCO-SRv6-lcomms/traffic-00.pcap frame 4 (IOS XR, SRv6). */
  static final String LCOMMS_VPNV4 = MARKER + "00d2 02 0000 00bb"
      + "90 0e 002d 0001 80 18" // MP_REACH (extended length 45), VPNv4, next hop of 24 bytes:
      + "0000000000000000 20010db8009100000000000000000001" // RD 0 + IPv6
      + "00" // reserved
      + "78 e00201 0002fbf0005b000d c000020d" // 120 bits: label, RD, 192.0.2.13/32
      + "40 01 01 00"
      + "40 02 12 02 04 fbf0005a 0000fbf0 fbf0005b 0000fde8" // 4-octet AS_PATH
      + "c0 08 14 fbf0012b fbf003e9 fbf00409 fbf10001 fbf3000d" // 5 communities
      + "c0 20 24 0000fbf0 00000139 00000139 0000fbf0 000001c8 0000028e 0000fbf0 00000409 0000005b"
      + "c0 10 08 0002fbf100000001" // extended community: route target 64497:1
      + "c0 28 25 0500220001001e0020010db800910000000000000000000000003f00010006201010001030"; // Prefix-SID

  @Test
  void vpnv4WithLargeCommunitiesAndPrefixSid() {
    Update u = decode(LCOMMS_VPNV4, DecodeContext.AS4, Update.class);
    PathAttributes a = u.attributes();
    assertEquals(new AfiSafi(1, 128), a.mpReach().family());
    assertTrue(a.mpReach().routes().isEmpty());
    assertArrayEquals(bytes("78e002010002fbf0005b000dc000020d"), a.mpReach().rawNlri());
    assertEquals(0x90, a.mpReach().flags());
    assertEquals(List.of(AsPathSegment.sequence(4226809946L, 64496, 4226809947L, 65000)), a.asPath().segments());
    assertArrayEquals(new int[] {0xfbf0012b, 0xfbf003e9, 0xfbf00409, 0xfbf10001, 0xfbf3000d}, a.communities().values());
    assertEquals(3, a.largeCommunities().size());
    assertArrayEquals(new int[] {64496, 313, 313, 64496, 456, 654, 64496, 1033, 91}, a.largeCommunities().values());
    assertArrayEquals(new long[] {0x0002fbf100000001L}, a.extendedCommunities().values());
    UnknownAttribute sid = (UnknownAttribute) a.get(40);
    assertEquals(0xc0, sid.flags());
    assertEquals(37, sid.value().length);
    assertEquals(7, a.all().size());
    assertEquals(Rfc7606Action.NONE, u.action());
  }

  @Test
  void endOfRibMarkers() {
    // RFC 4724 §2. packetlife bgplu.cap frame 15 (IPv4 unicast) and frame 17 (IPv4 labeled unicast, sent with
    // the Extended Length bit on a 3-byte MP_UNREACH); pmacct 302 traffic-02.pcap frame 3 (VPNv6).
    assertEquals(AfiSafi.IPV4_UNICAST,
        decode(MARKER + "0017 02 0000 0000", DecodeContext.AS4, Update.class).endOfRibFamily());
    Update lu = decode(MARKER + "001e 02 0000 0007 90 0f 0003 0001 04", DecodeContext.AS4, Update.class);
    assertEquals(new AfiSafi(1, 4), lu.endOfRibFamily());
    assertEquals(0x90, lu.attributes().mpUnreach().flags());
    Update vpn6 = decode(MARKER + "001d 02 0000 0006 80 0f 03 0002 80", DecodeContext.AS4, Update.class);
    assertEquals(new AfiSafi(2, 128), vpn6.endOfRibFamily());
    assertFalse(decode(MP_NLRI_IPV6, DecodeContext.DEFAULT, Update.class).isEndOfRib());
  }

  @Test
  void hostBitsAndTruncatedNlriFromBgpdumpSample() {
    // bgpdump test_data/updates.nlri_mask_trailing_bits.gz, its only BGP4MP_MESSAGE (2-octet AS):
    // NLRI "0d 0b0d" = 11.13.0.0/13 with host bits set, then a lone "0b" that cannot hold a /11.
    Update u = decode(MARKER + "003c 02 0000 0021"
        + "40 01 01 00" + "40 02 0c 02 05 1b6a 0ddd 3065 bc93 c764" + "40 03 04 0c00013f"
        + "c0 08 04 1b0b0d0b" // 6923:3339
        + "0d 0b0d" + "0b", DecodeContext.DEFAULT, Update.class);
    assertEquals(List.of(route("11.8.0.0/13")), u.announced()); // bgpdump prints 11.8.0.0/13 too
    assertEquals(2, u.warnings().size());
    assertEquals(Rfc7606Action.NONE, u.warnings().get(0).action());
    assertEquals(56, u.warnings().get(0).offset());
    // RFC 7606 §5.3: an NLRI overrunning the field makes the UPDATE's NLRI field incorrect: session reset
    assertEquals(Rfc7606Action.SESSION_RESET, u.warnings().get(1).action());
    assertEquals(BgpError.INVALID_NETWORK_FIELD, u.warnings().get(1).subcode());
    assertEquals(59, u.warnings().get(1).offset());
    assertEquals(Rfc7606Action.SESSION_RESET, u.action());
  }

  @Test
  void withdrawnRoutesAndPrefixTooLong() {
    Update w = decode(MARKER + "001c 02 0005 18 0a0001 00 0000", DecodeContext.DEFAULT, Update.class);
    assertEquals(List.of(route("10.0.1.0/24"), route("0.0.0.0/0")), w.withdrawn());
    assertTrue(w.attributes().isEmpty());
    Update bad = decode(MARKER + "001c 02 0000 0000 21 0a000001", DecodeContext.DEFAULT, Update.class);
    assertEquals(Rfc7606Action.SESSION_RESET, bad.action()); // /33
    assertEquals(23, bad.warnings().get(0).offset());
  }

  @Test
  void lengthFieldsOverrunningTheMessage() {
    // RFC 4271 §6.3 Malformed Attribute List, not relaxed by RFC 7606 §4: the fields cannot be located.
    Update w = decode(MARKER + "0017 02 0001 0000", DecodeContext.DEFAULT, Update.class);
    assertEquals(BgpError.MALFORMED_ATTRIBUTE_LIST, w.warnings().get(0).subcode());
    assertEquals(19, w.warnings().get(0).offset());
    assertEquals(Rfc7606Action.SESSION_RESET, w.action());
    Update a = decode(MARKER + "001a 02 0000 0004 40 01 01", DecodeContext.DEFAULT, Update.class);
    assertEquals(21, a.warnings().get(0).offset());
    assertEquals(Rfc7606Action.SESSION_RESET, a.action());
  }

  @Test
  void missingWellKnownAttributes() {
    // RFC 7606 §3 d: NLRI present, AS_PATH and NEXT_HOP absent: treat-as-withdraw, reported at the section
    Update u = decode(MARKER + "001d 02 0000 0004 40 01 01 00 08 0a", DecodeContext.DEFAULT, Update.class);
    assertEquals(List.of(route("10.0.0.0/8")), u.announced());
    assertEquals(2, u.warnings().size());
    for (BgpError e : u.warnings()) {
      assertEquals(BgpError.MISSING_WELL_KNOWN_ATTRIBUTE, e.subcode());
      assertEquals(Rfc7606Action.TREAT_AS_WITHDRAW, e.action());
      assertEquals(23, e.offset());
    }
    // A withdrawal-only UPDATE needs no attributes at all.
    assertTrue(decode(MARKER + "0019 02 0002 08 0a 0000", DecodeContext.DEFAULT, Update.class).warnings().isEmpty());
  }

  @Test
  void labeledUnicastStaysRaw() {
    // packetlife bgplu.cap frame 21: IPv4 labeled unicast (SAFI 4) next to a NEXT_HOP attribute
    Update u = decode(MARKER + "0042 02 0000 002b"
        + "40 01 01 00" + "40 02 00" + "40 03 04 0a010102" + "40 05 04 00000064"
        + "80 0e 13 0001 04 04 0a010102 00 48 dbc430 dbc421 010300", DecodeContext.AS4, Update.class);
    assertEquals(new AfiSafi(1, 4), u.attributes().mpReach().family());
    assertArrayEquals(bytes("48dbc430dbc421010300"), u.attributes().mpReach().rawNlri());
    assertEquals(Rfc7606Action.NONE, u.action());
  }
}
