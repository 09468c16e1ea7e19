package io.routemill.wire.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.InvalidMessage;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.SessionCapabilities;
import io.routemill.wire.bgp.UnknownMessage;
import io.routemill.wire.bgp.Update;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the BGP message decoder (RFC 4271 §4, RFC 7606) with a stream of messages read under the session
 * context the input's first byte selects ({@link FuzzSeeds#context}). Seeded with every message of the real BGP
 * captures. For any input: decoding never throws, always advances, never returns null; every UPDATE warning
 * carries a NOTIFICATION code, an RFC 7606 action and an offset inside its message; formatting works; and a
 * message that decoded cleanly re-encodes to bytes that decode cleanly to the same bytes again (the encoder and
 * decoder agree). Regression mode (the suite) runs the seeds; {@code scripts/fuzz bgp} fuzzes for longer.
 */
class BgpDecoderFuzzTest {
  @MethodSource("io.routemill.wire.fuzz.FuzzSeeds#bgp")
  @FuzzTest(maxDuration = "20s")
  void bgpStream(byte[] input) {
    if (input.length == 0) return;
    DecodeContext ctx = FuzzSeeds.context(input[0]);
    ByteBuf buf = Unpooled.wrappedBuffer(input, 1, input.length - 1);
    try {
      while (buf.isReadable()) {
        int before = buf.readerIndex();
        BgpMessage m = BgpMessageDecoder.decode(buf, ctx);
        assertNotNull(m);
        assertTrue(buf.readerIndex() > before, "decoding advances");
        FuzzSeeds.printable(m);
        check(m, ctx);
      }
    } finally {
      buf.release();
    }
  }

  private static void check(BgpMessage m, DecodeContext ctx) {
    if (m instanceof InvalidMessage invalid) {
      wellFormed(invalid.error(), invalid.raw().length);
      return;
    }
    if (m instanceof UnknownMessage) return;
    if (m instanceof Open open) {
      assertNotNull(SessionCapabilities.receiveContext(open, open));
    }
    if (m instanceof Update u) {
      for (BgpError e : u.warnings()) wellFormed(e, u.raw().length);
      assertNotNull(u.action());
      if (!u.warnings().isEmpty()) return;
    }
    byte[] once = BgpMessageEncoder.toBytes(m, ctx);
    BgpMessage again = decodeWhole(once, ctx);
    if (again instanceof Update u) assertEquals(java.util.List.of(), u.warnings(), "re-encoded UPDATE is clean");
    assertEquals(m.type(), again.type(), "re-encoding keeps the type");
    assertArrayEquals(once, BgpMessageEncoder.toBytes(again, ctx), "encode(decode(encode(m))) == encode(m)");
  }

  private static BgpMessage decodeWhole(byte[] bytes, DecodeContext ctx) {
    ByteBuf b = Unpooled.wrappedBuffer(bytes);
    try {
      BgpMessage m = BgpMessageDecoder.decode(b, ctx);
      assertEquals(0, b.readableBytes(), "a re-encoded message is read whole");
      return m;
    } finally {
      b.release();
    }
  }

  static void wellFormed(BgpError e, int messageLength) {
    assertTrue(e.code() >= 1 && e.code() <= 7, "a NOTIFICATION code: " + e);
    assertNotNull(e.action(), "an RFC 7606 action: " + e);
    assertTrue(e.offset() >= 0 && e.offset() <= messageLength, "offset inside the message: " + e);
    assertTrue(e.reason() != null && !e.reason().isBlank(), "a reason: " + e);
  }
}
