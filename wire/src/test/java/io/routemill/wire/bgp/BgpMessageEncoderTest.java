package io.routemill.wire.bgp;

import static io.routemill.wire.bgp.Wire.MARKER;
import static io.routemill.wire.bgp.Wire.bytes;
import static io.routemill.wire.bgp.Wire.decode;
import static io.routemill.wire.bgp.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.Attr08Communities;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.AttributeForm;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.wire.bgp.attr.PathAttributesDecoder;
import io.routemill.wire.bgp.attr.PathAttributesEncoder;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BgpMessageEncoderTest {
  static String encode(Consumer<ByteBuf> writer) {
    ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
    try {
      writer.accept(out);
      byte[] b = new byte[out.readableBytes()];
      out.readBytes(b);
      return hex(b);
    } finally {
      out.release();
    }
  }

  /** Real messages from the captures (see the other tests for their sources) and the context they need. */
  static final Object[][] REAL = {
      {UpdateDecoderTest.ADD_PATH_UPDATE, UpdateDecoderTest.ADD_PATH_V4},
      {UpdateDecoderTest.MP_NLRI_IPV6, DecodeContext.DEFAULT},
      {UpdateDecoderTest.LCOMMS_VPNV4, DecodeContext.AS4},
      {MARKER + "001e 02 0000 0007 90 0f 0003 0001 04", DecodeContext.AS4},
      {MARKER + "003a 02 0000 0021 40 01 01 00 c0 11 0a 02 02 000a0001 00280001 40 02 06 02 02 5ba0 5ba0"
          + "40 03 04 ac100301 08 28", DecodeContext.DEFAULT},
      {OpenTest.ADD_PATH_OPEN, DecodeContext.DEFAULT},
      {OpenTest.PMACCT_OPEN, DecodeContext.DEFAULT},
      {MARKER + "0017 03 02 02 feb0", DecodeContext.DEFAULT},
      {MARKER + "0017 05 0001 01 01", DecodeContext.DEFAULT},
      {MARKER + "002e 05 0001 00 01 01 80 0013 2000000005181815010100000000000a002000", DecodeContext.DEFAULT},
      {BgpMessageDecoderTest.KEEPALIVE, DecodeContext.DEFAULT},
  };

  @Test
  void realMessagesReencodeByteForByte() {
    for (Object[] r : REAL) {
      String hex = hex(bytes((String) r[0]));
      DecodeContext ctx = (DecodeContext) r[1];
      BgpMessage m = decode(hex, ctx);
      String again = encode(out -> BgpMessageEncoder.write(out, m, ctx));
      assertEquals(hex, again, m.getClass().getSimpleName());
      BgpMessage m2 = decode(again, ctx);
      if (m instanceof Update u) {
        Update u2 = (Update) m2;
        assertEquals(u.attributes().all(), u2.attributes().all());
        assertEquals(u.announced(), u2.announced());
        assertEquals(u.withdrawn(), u2.withdrawn());
      }
    }
  }

  static final List<PathAttribute> ATTRS = List.of(new Attr01Origin(Attr01Origin.IGP),
      new Attr02AsPath(List.of(AsPathSegment.sequence(65000, 70000))), new Attr03NextHop(bytes("c0000201")),
      new Attr08Communities(new int[] {0xfde80001}));

  @Test
  void updateOnTwoOctetSessionUsesAsTrans() {
    String hex = encode(out -> BgpMessageEncoder.writeUpdate(out, List.of(Route.of(Prefix.parse("10.0.0.0/8"))),
        ATTRS, List.of(Route.of(Prefix.parse("192.0.2.0/24"))), DecodeContext.DEFAULT));
    assertEquals(hex(bytes(MARKER + "0038 02"
        + "0002 08 0a" // withdrawn 10.0.0.0/8
        + "001b" // 27 bytes of attributes
        + "40 01 01 00"
        + "40 02 06 02 02 fde8 5ba0" // 70000 does not fit: AS_TRANS (RFC 6793 §4.2.2)
        + "40 03 04 c0000201"
        + "c0 08 04 fde80001"
        + "18 c00002")), hex);
  }

  @Test
  void updateOnFourOctetSessionWithAddPath() {
    DecodeContext ctx = new DecodeContext(true, Set.of(AfiSafi.IPV4_UNICAST), false);
    String hex = encode(out -> BgpMessageEncoder.writeUpdate(out, List.of(), ATTRS,
        List.of(new Route(Prefix.parse("192.0.2.0/24"), 5), Route.of(Prefix.parse("198.51.100.0/24"))), ctx));
    assertEquals(hex(bytes(MARKER + "0046 02 0000 001f"
        + "40 01 01 00"
        + "40 02 0a 02 02 0000fde8 00011170"
        + "40 03 04 c0000201"
        + "c0 08 04 fde80001"
        + "00000005 18 c00002" // path id 5
        + "00000000 18 c63364")), hex); // no path id given: 0
    Update u = decode(hex, ctx, Update.class);
    assertEquals(5, u.announced().get(0).pathId());
  }

  @Test
  void extendedLengthAndSegmentSplitting() {
    int[] comms = new int[70];
    long[] asns = new long[300];
    for (int i = 0; i < asns.length; i++) asns[i] = 64512 + i;
    List<PathAttribute> attrs = List.of(new Attr08Communities(comms),
        new Attr02AsPath(List.of(AsPathSegment.sequence(asns))));
    String hex = encode(out -> PathAttributesEncoder.write(out, attrs, DecodeContext.AS4, AttributeForm.UPDATE));
    assertEquals("d0080118", hex.substring(0, 8)); // Extended Length set, 280 bytes
    int asPathAt = 4 + 280;
    // AS_PATH: 2 + 255*4 + 2 + 45*4 = 1204 bytes, two segments
    assertEquals("5002" + "04b4" + "02ff", hex.substring(2 * asPathAt, 2 * asPathAt + 12));
    PathAttributes back = io.routemill.wire.bgp.Wire.withBuf(hex,
        buf -> PathAttributesDecoder.decode(buf, buf.readableBytes(), DecodeContext.AS4, AttributeForm.UPDATE));
    assertEquals(2, back.asPath().segments().size());
    assertEquals(45, back.asPath().segments().get(1).asns().length);
    assertEquals(64512 + 299, back.asPath().segments().get(1).asns()[44]);
  }

  @Test
  void tooLargeUpdateLeavesNothingBehind() {
    List<PathAttribute> attrs = List.of(new Attr08Communities(new int[2000]));
    ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
    try {
      out.writeByte(0x42);
      assertThrows(IllegalArgumentException.class,
          () -> BgpMessageEncoder.writeUpdate(out, List.of(), attrs, List.of(), DecodeContext.DEFAULT));
      assertEquals(1, out.writerIndex());
      // RFC 8654: fine once extended messages are negotiated
      BgpMessageEncoder.writeUpdate(out, List.of(), attrs, List.of(), DecodeContext.AS4);
      assertEquals(1 + 19 + 4 + 4 + 8000, out.writerIndex());
    } finally {
      out.release();
    }
  }

  @Test
  void mrtRibEntryFormWritesAbbreviatedMpReach() {
    Attr14MpReach r = new Attr14MpReach(AfiSafi.IPV6_UNICAST, bytes("20010db8000000000000000000000001"),
        List.of(Route.of(Prefix.parse("2001:db8::/32"))), null);
    assertEquals("800e1110" + "20010db8000000000000000000000001",
        encode(out -> PathAttributesEncoder.write(out, r, DecodeContext.AS4, AttributeForm.MRT_RIB_ENTRY)));
    assertEquals("800e1a" + "000201" + "10" + "20010db8000000000000000000000001" + "00" + "2020010db8",
        encode(out -> PathAttributesEncoder.write(out, r, DecodeContext.AS4, AttributeForm.UPDATE)));
  }

  @Test
  void otherMessages() {
    assertEquals(hex(bytes(BgpMessageDecoderTest.KEEPALIVE)), encode(BgpMessageEncoder::writeKeepalive));
    assertEquals(hex(bytes(MARKER + "0017 05 0002 02 01")),
        encode(out -> BgpMessageEncoder.writeRouteRefresh(out, 2, RouteRefresh.EORR, 1)));
    assertEquals(hex(bytes(MARKER + "001d 02 0000 0006 80 0f 03 0002 01")),
        encode(out -> BgpMessageEncoder.writeEndOfRib(out, AfiSafi.IPV6_UNICAST, DecodeContext.AS4)));
    assertEquals(hex(bytes(MARKER + "0017 02 0000 0000")),
        encode(out -> BgpMessageEncoder.writeEndOfRib(out, AfiSafi.IPV4_UNICAST, DecodeContext.AS4)));
    String n = encode(out -> BgpMessageEncoder.writeNotification(out, BgpError.CEASE, 2,
        BgpMessageEncoder.shutdownCommunicationData("maintenance \u2014 back at 14:00")));
    assertEquals("maintenance \u2014 back at 14:00", decode(n, DecodeContext.DEFAULT, Notification.class)
        .shutdownCommunication());
  }

  @Test
  void shutdownCommunicationIsTruncatedOnACharacterBoundary() {
    String text = "a" + "\u00e9".repeat(200); // 1 + 400 bytes of UTF-8
    byte[] data = BgpMessageEncoder.shutdownCommunicationData(text);
    assertEquals(256, data.length); // length byte + "a" + 127 two-byte characters; the 128th would split
    assertEquals(255, data[0] & 0xff);
    String hex = encode(out -> BgpMessageEncoder.writeNotification(out, BgpError.CEASE, 4, data));
    assertEquals(text.substring(0, 128), decode(hex, DecodeContext.DEFAULT, Notification.class).shutdownCommunication());
  }
}
