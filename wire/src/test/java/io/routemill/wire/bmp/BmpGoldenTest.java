package io.routemill.wire.bmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.Notification;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.Wire;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.capability.FourOctetAsCapability;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes for every BMP message type, decoded field by field and re-encoded byte for byte. Unless marked
 * synthetic, each message is a verbatim BMP message from a capture under shared/data/bmp (file named above it).
 */
public class BmpGoldenTest {
  static BmpMessage decode(String hex, PeerContexts contexts) {
    BmpMessage m = Wire.withBuf(hex, buf -> {
      BmpMessage decoded = BmpMessageDecoder.decode(buf, contexts);
      assertFalse(buf.isReadable(), "frame fully consumed");
      return decoded;
    });
    assertArrayEquals(Wire.bytes(hex), BmpMessageEncoder.toBytes(m), "re-encodes byte for byte");
    return m;
  }

  static BmpMessage decode(String hex) {
    return decode(hex, PeerContexts.HEADER_ONLY);
  }

  // 201-BMP-CISCO-rd_instance: IOS XR 7.4.1
  public static final String INITIATION = "03 0000002a 04" // version 3, length 42, type 4 Initiation
      + "0001 0006 20372e342e31" // sysDescr (1), 6 bytes: " 7.4.1"
      + "0002 0016 6970662d7a626c313834332d722d64616973792d3535"; // sysName (2), 22 bytes

  @Test
  void initiation() {
    Initiation m = (Initiation) decode(INITIATION);
    assertEquals(" 7.4.1", m.sysDescr());
    assertEquals("ipf-zbl1843-r-daisy-55", m.sysName());
    assertEquals(m, BmpMessageEncoder.initiation(" 7.4.1", "ipf-zbl1843-r-daisy-55"));
  }

  // 200-BMP-HUAWEI-locrib_instance: VRP 8.210, Loc-RIB instance peer
  static final String PEER_UP_LOC_RIB = "03 0000009a 03" // length 154, type 3 Peer Up
      + "03 80 0000fbf30000000b" // peer type 3 Loc-RIB, flags F (filtered), RD type 0 64499:11
      + "00000000000000000000000000000000" // peer address: zero for Loc-RIB (RFC 9069 §4.1)
      + "00010001 c000023d" // peer AS 65537, BGP ID 192.0.2.61
      + "645a2d87 00009088" // timestamp 1683631495.037000
      + "00000000000000000000000000000000 0000 0000" // local address, ports: zero for Loc-RIB
      // sent OPEN: length 43, version 4, My AS 23456 (AS_TRANS), hold 180, id 192.0.2.61, params 14:
      + Wire.MARKER + "002b 01 04 5ba0 00b4 c000023d 0e"
      + "020c 41 04 00010001 01 04 00010001" // caps: 4-octet AS 65537, MP IPv4 unicast
      // received OPEN: the same (RFC 9069 §5.2 repeats the sent OPEN)
      + Wire.MARKER + "002b 01 04 5ba0 00b4 c000023d 0e"
      + "020c 41 04 00010001 01 04 00010001";

  @Test
  void peerUpLocRib() {
    PeerUp m = (PeerUp) decode(PEER_UP_LOC_RIB);
    PeerHeader h = m.peer();
    assertTrue(h.isLocRib() && h.isFiltered() && !h.isIpv6() && !h.isPostPolicy());
    assertEquals((64499L << 32) | 11, h.distinguisher());
    assertEquals(65537, h.asn());
    assertEquals("192.0.2.61", IpAddresses.format(Wire.bytes(Long.toHexString(h.bgpId()))));
    assertEquals(1683631495L, h.timestampSeconds());
    assertEquals(37000, h.timestampMicros());
    assertEquals(0, m.localPort());
    assertEquals(65537, m.sentOpen().effectiveAs());
    assertEquals(65537, m.receivedOpen().capability(FourOctetAsCapability.class).asn());
    assertEquals(List.of(), m.info());
    assertEquals(new DecodeContext(true, Set.of(), true), BmpPeerContexts.fromPeerUp(m, h));
  }

  @Test
  void peerUpWithVrfTableNameTlv() {
    // Synthetic: the Huawei Peer Up above with a VRF/table name TLV appended (RFC 9069 §5.2), length 154 + 11
    String hex = "03 000000a5 03" + PEER_UP_LOC_RIB.substring(PEER_UP_LOC_RIB.indexOf("03 80"))
        + "0003 0007 64656661756c74"; // type 3, 7 bytes "default"
    PeerUp m = (PeerUp) decode(hex);
    assertEquals(List.of(InfoTlv.text(InfoTlv.VRF_TABLE_NAME, "default")), m.info());
  }

  // 201-BMP-CISCO-rd_instance: an RD-instance peer's pre-policy Adj-RIB-In
  static final String ROUTE_MONITORING = "03 0000007b 00" // length 123, type 0 Route Monitoring
      + "01 00 0000fbf30000004a" // peer type 1 RD instance, no flags, RD 64499:74
      + "000000000000000000000000 c0001fa2" // peer address 192.0.31.162 (IPv4 in the last 4 bytes)
      + "00010002 c000023e 6470b55a 000302a2" // AS 65538, id 192.0.2.62, timestamp 1685108058.197282
      + Wire.MARKER + "004b 02" // UPDATE, 75 bytes
      + "0000 002f" // no withdrawn routes, 47 bytes of attributes
      + "40 01 01 00" // ORIGIN IGP
      + "40 02 06 02 01 00010002" // AS_PATH: AS_SEQUENCE of 1, 65538 (4-octet)
      + "40 03 04 c0001fa2" // NEXT_HOP 192.0.31.162
      + "c0 08 18 fbf00014 fbf003e9 fbf10003 fbf30046 fbf30064 fbf00409" // COMMUNITIES, 6
      + "20 cb007146"; // NLRI 203.0.113.70/32

  @Test
  void routeMonitoring() {
    RouteMonitoring m = (RouteMonitoring) decode(ROUTE_MONITORING);
    assertEquals(PeerHeader.RD_INSTANCE, m.peer().peerType());
    assertEquals("192.0.31.162", IpAddresses.format(m.peer().peerAddress()));
    Update u = (Update) m.update();
    assertEquals(List.of(), u.warnings());
    assertEquals("203.0.113.70/32", u.announced().get(0).prefix().toString());
    assertEquals(List.of(AsPathSegment.sequence(65538)), u.attributes().effectiveAsPath());
    assertEquals(6, u.attributes().communities().values().length);
    assertFalse(m.addPathFlipped());
    assertEquals(List.of(), m.tlvs());
    assertArrayEquals(u.raw(), m.bgpPdu());
  }

  @Test
  void routeMonitoringAddPathFallback() {
    // The router's context claims ADD-PATH for IPv4 unicast, but the NLRI has no path id: "20 cb007146" would be
    // path id 0x20cb0071 and a /70 prefix. The plain reading is clean, so it is used and flagged.
    PeerContexts wrong = peer -> new DecodeContext(true, Set.of(AfiSafi.IPV4_UNICAST), true);
    RouteMonitoring m = (RouteMonitoring) decode(ROUTE_MONITORING, wrong);
    assertTrue(m.addPathFlipped());
    assertEquals("203.0.113.70/32", ((Update) m.update()).announced().get(0).prefix().toString());
  }

  @Test
  void routeMonitoringWithTrailingTlv() {
    // 208-BMP-mem-leak-test/bmp-multi-sources-route-monitoring: Huawei VRP Loc-RIB, VPNv4, then a TLV after the PDU
    String hex = "03 000000b9 00" // length 185
        + "03 80 0000000000000000 00000000000000000000000000000000" // Loc-RIB, filtered, RD 0, no address
        + "fbf00017 c6336411 6735bb3d 00059907" // AS 4226809879, id 198.51.100.17, timestamp
        + Wire.MARKER + "0081 02 0000 006a" // UPDATE of 129 bytes, 106 bytes of attributes
        + "40 01 01 00" + "40 02 0e 02 03 0000fbf0 fbf00013 0000fde8" // ORIGIN, AS_PATH 64496 4226809875 65000
        + "80 04 04 00003c28" + "40 05 04 00003e80" // MED 15400, LOCAL_PREF 16000
        + "c0 08 10 fbf0012b fbf003e9 fbf10001 fbf30011" // COMMUNITIES
        + "c0 10 08 0002fbf100000001" // EXTENDED COMMUNITIES: RT 64497:1
        + "90 0e 0025 0001 80 0c 0000000000000000 cb007113 00" // MP_REACH VPNv4, next hop RD 0 203.0.113.19
        + "00000000" // ADD-PATH path id 0 (the Loc-RIB Peer Up advertises ADD-PATH; VPN NLRI is kept raw)
        + "78 000101 0002fbf000130011 c0000211" // 120 bits: label 16, RD 4226809875:17, 192.0.2.17/32
        + "ea62 0004 0000000a"; // TLV type 60002, 4 bytes (not in RFC 7854)
    RouteMonitoring m = (RouteMonitoring) decode(hex);
    assertEquals(List.of(new InfoTlv(60002, Wire.bytes("0000000a"))), m.tlvs());
    assertEquals(List.of(), ((Update) m.update()).warnings());
  }

  // 204-BMP-CISCO-peer_down: IOS XR 7.10.1, Loc-RIB statistics with per-AFI/SAFI gauges
  static final String STATS_LOC_RIB = "03 0000005e 01" // length 94, type 1 Statistics Report
      + "03 00 0002fbf0005a000c" // Loc-RIB, RD type 2 4226809946:12
      + "00000000000000000000000000000000 0000fbf0 cb00715a 65a5552a 00008b28" // AS 64496, id 203.0.113.90
      + "00000003" // 3 statistics
      + "0008 0008 000000000000001b" // type 8 routes in Loc-RIB: 27 (64-bit gauge)
      + "000a 000b 0001 01 0000000000000011" // type 10 Loc-RIB routes for IPv4 unicast: 17
      + "000a 000b 0002 01 000000000000000a"; // type 10 for IPv6 unicast: 10

  @Test
  void statisticsReport() {
    StatisticsReport m = (StatisticsReport) decode(STATS_LOC_RIB);
    assertEquals((2L << 48) | (4226809946L << 16) | 12, m.peer().distinguisher());
    assertEquals(List.of(Stat.gauge(8, 27), Stat.familyGauge(10, 1, 1, 17), Stat.familyGauge(10, 2, 1, 10)),
        m.stats());
  }

  @Test
  void statisticsReportCountersAndVendorType() {
    // 205-BMP-6wind-FRR-peer_down: FRR counters and its vendor type 65531
    String hex = "03 0000006c 01" // length 108
        + "00 00 0000000000000000 000000000000000000000000 c6336416" // global peer 198.51.100.22
        + "0000fbf0 c6336408 65a95cd3 0004bd20" // AS 64496, id 198.51.100.8
        + "00000007" // 7 statistics, all 32-bit counters with value 0
        + "0000 0004 00000000" + "0004 0004 00000000" + "0005 0004 00000000" + "0003 0004 00000000"
        + "0002 0004 00000000" + "000b 0004 00000000"
        + "fffb 0004 00000000"; // type 65531 (vendor), kept raw
    StatisticsReport m = (StatisticsReport) decode(hex);
    assertEquals(Stat.counter(Stat.UPDATES_TREATED_AS_WITHDRAW, 0), m.stat(11));
    assertEquals(Stat.raw(65531, new byte[4]), m.stat(65531));
    assertEquals(Stat.Kind.RAW, m.stat(65531).kind());
  }

  @Test
  void peerDownRemoteWithoutData() {
    // 204-BMP-CISCO-peer_down: reason 4, post-policy peer 203.0.113.28
    String hex = "03 00000031 02" // length 49, type 2 Peer Down
        + "00 40 0000000000000000 000000000000000000000000 cb00711c" // global, post-policy, 203.0.113.28
        + "0000fbf0 cb00711c 65a557da 000c3b8a"
        + "04"; // reason 4: remote system closed, no data
    PeerDown m = (PeerDown) decode(hex);
    assertEquals(PeerDown.REMOTE_NO_NOTIFICATION, m.reason());
    assertTrue(m.notification().isEmpty());
    assertEquals(-1, m.fsmEventCode());
    assertEquals(m, PeerDown.withoutData(m.peer(), 4));
  }

  @Test
  void peerDownRemoteNotification() {
    // 205-BMP-6wind-FRR-peer_down: reason 3 with the NOTIFICATION received
    String hex = "03 00000046 02" // length 70
        + "00 00 0000000000000000 000000000000000000000000 cb00712c 0000fbf0 cb00712c 65a95fe7 0007c24a"
        + "03" // reason 3: remote system closed with NOTIFICATION
        + Wire.MARKER + "0015 03 06 04"; // NOTIFICATION: Cease / Administrative Reset, no data
    PeerDown m = (PeerDown) decode(hex);
    Notification n = (Notification) m.notification().orElseThrow();
    assertEquals(6, n.code());
    assertEquals(4, n.subcode());
    assertEquals(m, PeerDown.withNotification(m.peer(), 3, n));
  }

  @Test
  void peerDownLocRibWithTlv() {
    // 403-IPFIXv10-BMP-IPv6-CISCO-locrib-peerdown-vrf: IOS XR 24.4.1, Loc-RIB of VRF "A2_TEST_7" gone
    String hex = "03 0000003e 02" // length 62
        + "03 00 0002fbf0005a038b 00000000000000000000000000000000 0000fbf0 cb00715a 66d9ba4d 000aa85b"
        + "06" // reason 6 (RFC 9069): local system closed, TLVs follow
        + "0003 0009 41325f544553545f37"; // VRF/table name "A2_TEST_7"
    PeerDown m = (PeerDown) decode(hex);
    assertEquals(List.of(InfoTlv.text(InfoTlv.VRF_TABLE_NAME, "A2_TEST_7")), m.info());
    assertEquals(m, PeerDown.withTlvs(m.peer(), m.info()));
  }

  @Test
  void peerDownFsmEvent() {
    // Synthetic (no capture holds one): reason 2 with a 2-byte FSM event code
    PeerHeader h = new PeerHeader(0, 0, 0, Wire.bytes("c0000201"), 64500, 0xc0000201L, 1, 2);
    byte[] wire = BmpMessageEncoder.toBytes(PeerDown.withFsmEvent(h, 12));
    PeerDown m = (PeerDown) decode(Wire.hex(wire));
    assertEquals(12, m.fsmEventCode());
    assertEquals(Wire.hex(wire).substring(96), "02000c");
  }

  @Test
  void termination() {
    // Synthetic (no capture holds one): string TLV and reason 0 "administratively closed"
    String hex = "03 00000018 05" // length 24, type 5 Termination
        + "0000 0008 73687574646f776e" // string "shutdown"
        + "0001 0002 0000"; // reason 0
    Termination m = (Termination) decode(hex);
    assertEquals(0, m.reason());
    assertEquals("shutdown", m.info().get(0).text());
  }

  @Test
  void routeMirroring() {
    // Synthetic: information "messages lost", then a mirrored KEEPALIVE
    String hex = "03 0000004d 06" // length 77, type 6 Route Mirroring
        + "00 00 0000000000000000 000000000000000000000000 c0000201 0000fbf4 c0000201 00000001 00000002"
        + "0001 0002 0001" // information code 1: messages lost
        + "0000 0013" + Wire.MARKER + "0013 04"; // BGP message: KEEPALIVE
    RouteMirroring m = (RouteMirroring) decode(hex);
    assertEquals(1, m.tlvs().get(0).u16());
    assertEquals(19, m.tlvs().get(1).value().length);
  }

  @Test
  void unknownType() {
    UnknownBmpMessage m = (UnknownBmpMessage) decode("03 00000009 07 abcdef");
    assertEquals(7, m.type());
  }

  @Test
  void structuralErrorsBecomeInvalidWithOffsets() {
    // per-peer header cut short: 6 + 10 bytes
    InvalidBmpMessage a = assertInstanceOf(InvalidBmpMessage.class, decode("03 00000010 00 00000000000000000000"));
    assertEquals(6, a.offset());
    // statistic overruns: count 1, type 8 claims 8 bytes, 4 present
    String stat = STATS_LOC_RIB.substring(STATS_LOC_RIB.indexOf("03 00 0002"), STATS_LOC_RIB.indexOf("00000003"));
    InvalidBmpMessage b = assertInstanceOf(InvalidBmpMessage.class,
        decode("03 0000003c 01" + stat + "00000001 0008 0008 00000000"));
    assertEquals(52, b.offset());
    // length field disagrees with the frame
    InvalidBmpMessage c = assertInstanceOf(InvalidBmpMessage.class, decode("03 00000007 04"));
    assertEquals(1, c.offset());
    // Peer Up whose "sent OPEN" is a KEEPALIVE
    String peerUp = "03 00000057 03" + "00 00 0000000000000000 000000000000000000000000 c0000201"
        + "0000fbf4 c0000201 00000000 00000000" + "000000000000000000000000c0000202 00b3 b000"
        + Wire.MARKER + "0013 04";
    InvalidBmpMessage d = assertInstanceOf(InvalidBmpMessage.class, decode(peerUp));
    assertEquals(68, d.offset());
    assertTrue(d.reason().contains("sent OPEN"), d.reason());
  }
}
