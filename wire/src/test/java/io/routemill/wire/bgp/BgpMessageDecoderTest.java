package io.routemill.wire.bgp;

import static io.routemill.wire.bgp.Wire.MARKER;
import static io.routemill.wire.bgp.Wire.bytes;
import static io.routemill.wire.bgp.Wire.decode;
import static io.routemill.wire.bgp.Wire.withBuf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BgpMessageDecoderTest {
  static final String KEEPALIVE = MARKER + "0013 04";

  @Test
  void keepalive() {
    Keepalive k = decode(KEEPALIVE, DecodeContext.DEFAULT, Keepalive.class);
    assertEquals(4, k.type());
    assertArrayEquals(bytes(KEEPALIVE), k.raw());
  }

  @Test
  void notificationFromPcap() {
    // packetlife BGP_notification.cap frame 5: OPEN Message Error / Bad Peer AS, data = the AS 65200 it expected
    Notification n = decode(MARKER
        + "0017" // length 23
        + "03" // NOTIFICATION
        + "02" // code 2 OPEN Message Error
        + "02" // subcode 2 Bad Peer AS
        + "feb0", DecodeContext.DEFAULT, Notification.class);
    assertEquals(2, n.code());
    assertEquals(2, n.subcode());
    assertArrayEquals(bytes("feb0"), n.data());
    assertEquals("", n.shutdownCommunication());
  }

  @Test
  void shutdownCommunication() {
    Notification n = decode(MARKER + "001a 03"
        + "06 02" // Cease / Administrative Shutdown
        + "04 6d61696e", DecodeContext.DEFAULT, Notification.class); // length 4, "main"
    assertEquals("main", n.shutdownCommunication());
    // RFC 9003 §2: a length running past the data means there is no usable communication
    Notification bad = decode(MARKER + "0018 03 06 04 09 6d61", DecodeContext.DEFAULT, Notification.class);
    assertEquals("", bad.shutdownCommunication());
    Notification none = decode(MARKER + "0015 03 06 02", DecodeContext.DEFAULT, Notification.class);
    assertEquals("", none.shutdownCommunication());
  }

  @Test
  void routeRefreshSubtypesFromPcap() {
    // packetlife bgp-add-path.cap frame 5: Enhanced Route Refresh BoRR for IPv4 unicast; frame 6: the EoRR
    RouteRefresh borr = decode(MARKER + "0017 05"
        + "0001" // AFI IPv4
        + "01" // subtype 1 BoRR (RFC 7313)
        + "01", DecodeContext.DEFAULT, RouteRefresh.class); // SAFI unicast
    assertEquals(AfiSafi.IPV4_UNICAST, borr.family());
    assertEquals(RouteRefresh.BORR, borr.subtype());
    RouteRefresh eorr = decode(MARKER + "0017 05 0001 02 01", DecodeContext.DEFAULT, RouteRefresh.class);
    assertEquals(RouteRefresh.EORR, eorr.subtype());
    assertEquals(0, eorr.orfEntries().length);
  }

  @Test
  void routeRefreshWithOrfFromPcap() {
    // packetlife "bgp orf prefix advertisement.pcapng.cap" frame 1, second message: refresh with a prefix ORF
    RouteRefresh r = decode(MARKER + "002e 05 0001 00 01"
        + "01 80 0013 2000000005181815010100000000000a002000", DecodeContext.DEFAULT, RouteRefresh.class);
    assertEquals(RouteRefresh.NORMAL, r.subtype());
    assertEquals(23, r.orfEntries().length);
    assertEquals(0x01, r.orfEntries()[0]); // when-to-refresh IMMEDIATE
  }

  @Test
  void borrWithWrongLengthIsRouteRefreshError() {
    InvalidMessage m = decode(MARKER + "0018 05 0001 01 01 00", DecodeContext.DEFAULT, InvalidMessage.class);
    assertEquals(BgpError.ROUTE_REFRESH_MESSAGE_ERROR, m.error().code());
    assertEquals(1, m.error().subcode()); // RFC 7313 §5 Invalid Message Length
    assertEquals(5, m.type());
  }

  @Test
  void unknownType() {
    UnknownMessage m = decode(MARKER + "0015 06 abcd", DecodeContext.DEFAULT, UnknownMessage.class);
    assertEquals(6, m.type());
    assertEquals(21, m.raw().length);
  }

  @Test
  void brokenMarker() {
    InvalidMessage m = decode("ffffff fe ffffffffffffffffffffffff" + "0013 04", DecodeContext.DEFAULT, InvalidMessage.class);
    assertEquals(BgpError.MESSAGE_HEADER_ERROR, m.error().code());
    assertEquals(BgpError.CONNECTION_NOT_SYNCHRONIZED, m.error().subcode());
    assertEquals(3, m.error().offset());
    assertEquals(Rfc7606Action.SESSION_RESET, m.error().action());
  }

  @Test
  void markerErrorConsumesOnlyThatMessage() {
    withBuf("00" + MARKER.substring(2) + "0013 04" + KEEPALIVE, buf -> {
      assertInstanceOf(InvalidMessage.class, BgpMessageDecoder.decode(buf, DecodeContext.DEFAULT));
      assertEquals(19, buf.readerIndex());
      assertInstanceOf(Keepalive.class, BgpMessageDecoder.decode(buf, DecodeContext.DEFAULT));
      return null;
    });
  }

  @Test
  void badLengths() {
    assertBadLength(MARKER + "0012 04", 16); // below 19
    assertBadLength(MARKER + "0014 04 00", 16); // KEEPALIVE must be 19
    assertBadLength(MARKER + "001c 01 04 fde8 00b4 0a000001", 16); // OPEN below 29
    assertBadLength(MARKER + "0016 02 0000 00", 16); // UPDATE below 23
    assertBadLength(MARKER + "0014 03 06", 16); // NOTIFICATION below 21
    assertBadLength(MARKER + "0016 05 0001 00", 16); // ROUTE-REFRESH below 23
    assertBadLength(MARKER + "00", 0); // not even a header
    assertBadLength(MARKER + "0017 04 00", 16); // length says 23, only 20 bytes: everything is consumed
  }

  private static void assertBadLength(String hex, int offset) {
    InvalidMessage m = decode(hex, DecodeContext.DEFAULT, InvalidMessage.class);
    assertEquals(BgpError.MESSAGE_HEADER_ERROR, m.error().code(), m.error().reason());
    assertEquals(BgpError.BAD_MESSAGE_LENGTH, m.error().subcode());
    assertEquals(offset, m.error().offset());
    assertArrayEquals(bytes(hex), m.raw());
  }

  @Test
  void extendedMessageLengthNeedsTheCapability() {
    // An UPDATE of 5000 bytes: one unknown optional attribute with an extended length of 4973.
    StringBuilder hex = new StringBuilder(MARKER + "1388 02 0000 1371 d0ff 136d");
    hex.append("00".repeat(4973));
    InvalidMessage tooLong = decode(hex.toString(), DecodeContext.DEFAULT, InvalidMessage.class);
    assertEquals(BgpError.BAD_MESSAGE_LENGTH, tooLong.error().subcode());
    Update ok = decode(hex.toString(), DecodeContext.DEFAULT.withExtendedMessage(true), Update.class);
    assertEquals(4973, ((io.routemill.wire.bgp.attr.UnknownAttribute) ok.attributes().get(0xff)).value().length);
    assertEquals(Rfc7606Action.NONE, ok.action());
  }

  @Test
  void frameLength() {
    withBuf(MARKER + "00", buf -> {
      assertEquals(-1, BgpMessageDecoder.frameLength(buf));
      buf.writeBytes(bytes("1704"));
      assertEquals(0x17, BgpMessageDecoder.frameLength(buf));
      assertEquals(0, buf.readerIndex());
      return null;
    });
  }

  /** packetlife bgp-add-path.cap frame 6: two ADD-PATH UPDATEs, an EoRR ROUTE-REFRESH and an End-of-RIB. */
  static final String ADD_PATH_FRAME_6 = MARKER + "0059 02 0000 0030"
      + "400101 00 400206 0201 0000fbff 400304 0a000e01 800404 00000000 400504 00000064"
      + "800a04 0a002204 800904 0a000f01"
      + "00000001 20 05050505 00000001 20 c0a80105"
      + MARKER + "0059 02 0000 0030"
      + "400101 00 400206 0201 0000fbff 400304 0a001802 800404 00000000 400504 000001f4"
      + "800a04 0a002204 800904 0a001902"
      + "00000000 20 05050505 00000000 20 c0a80105"
      + MARKER + "0017 05 0001 02 01"
      + MARKER + "0017 02 0000 0000";

  @Test
  void streamingFramerOneByteAtATime() {
    DecodeContext ctx = new DecodeContext(true, Set.of(AfiSafi.IPV4_UNICAST), false);
    byte[] stream = bytes(ADD_PATH_FRAME_6);
    List<BgpMessage> out = new ArrayList<>();
    ByteBuf acc = PooledByteBufAllocator.DEFAULT.directBuffer(16);
    try {
      for (byte b : stream) {
        acc.writeByte(b);
        int len;
        while ((len = BgpMessageDecoder.frameLength(acc)) != -1 && acc.readableBytes() >= len) {
          out.add(BgpMessageDecoder.decode(acc, ctx));
          acc.discardReadBytes();
        }
      }
      assertEquals(0, acc.readableBytes());
      assertEquals(1, acc.refCnt());
    } finally {
      acc.release();
    }
    assertEquals(List.of(2, 2, 5, 2), out.stream().map(BgpMessage::type).toList());
    Update first = (Update) out.get(0);
    assertEquals(List.of(new Route(Prefix.parse("5.5.5.5/32"), 1), new Route(Prefix.parse("192.168.1.5/32"), 1)),
        first.announced());
    Update second = (Update) out.get(1);
    assertEquals(0, second.announced().get(0).pathId());
    assertEquals(500, second.attributes().localPref().value());
    assertTrue(((Update) out.get(3)).isEndOfRib());
  }

  @Test
  void neverThrowsOnMutatedInput() {
    List<byte[]> seeds = new ArrayList<>();
    for (String s : new String[] {ADD_PATH_FRAME_6, UpdateDecoderTest.MP_NLRI_IPV6, UpdateDecoderTest.LCOMMS_VPNV4,
        OpenTest.ADD_PATH_OPEN, OpenTest.PMACCT_OPEN}) {
      seeds.add(bytes(s));
    }
    Random rnd = new Random(7606);
    DecodeContext[] ctxs = {DecodeContext.DEFAULT, DecodeContext.AS4,
        new DecodeContext(true, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), true)};
    for (int i = 0; i < 20000; i++) {
      byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
      int flips = 1 + rnd.nextInt(4);
      for (int k = 0; k < flips; k++) {
        int pos = 16 + rnd.nextInt(b.length - 16); // keep the marker, mutate header and body
        b[pos] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : b[pos] + (rnd.nextBoolean() ? 1 : -1));
      }
      if (rnd.nextInt(4) == 0) b = java.util.Arrays.copyOf(b, 19 + rnd.nextInt(b.length - 18));
      byte[] input = b;
      withBuf(Wire.hex(input), buf -> {
        while (buf.isReadable()) {
          int before = buf.readerIndex();
          BgpMessage m = BgpMessageDecoder.decode(buf, ctxs[rnd.nextInt(ctxs.length)]);
          assertNotNull(m);
          assertTrue(buf.readerIndex() > before);
          assertEquals(buf.readerIndex() - before, m.raw().length);
        }
        return null;
      });
    }
  }
}
