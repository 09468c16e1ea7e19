package io.routemill.wire.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bmp.BmpMessage;
import io.routemill.wire.bmp.BmpMessageDecoder;
import io.routemill.wire.bmp.BmpMessageEncoder;
import io.routemill.wire.bmp.InvalidBmpMessage;
import io.routemill.wire.bmp.PeerUpTable;
import io.routemill.wire.bmp.RouteMonitoring;
import io.routemill.wire.bmp.UnknownBmpMessage;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the BMP message decoder (RFC 7854 §4, RFC 9069) on whole streams, framed the way the station frames
 * them (version 3 and a length of at least the common header, else the stream ends) and read with the per-peer
 * state their Peer Ups build ({@link PeerUpTable}), so Route Monitoring PDUs are read under the ADD-PATH and
 * AS-size settings a fuzzed Peer Up negotiates. Seeded with windows of the real router captures. For any input:
 * decoding never throws, consumes exactly its frame and never returns null; problems carry an offset inside the
 * message; formatting works; a message that decoded cleanly re-encodes to bytes that decode to the same bytes.
 */
class BmpDecoderFuzzTest {
  @MethodSource("io.routemill.wire.fuzz.FuzzSeeds#bmp")
  @FuzzTest(maxDuration = "20s")
  void bmpStream(byte[] input) {
    PeerUpTable peers = new PeerUpTable();
    int pos = 0;
    while (pos + BmpMessage.COMMON_HEADER_LENGTH <= input.length && input[pos] == BmpMessage.VERSION) {
      long length = FuzzSeeds.u32(input, pos + 1);
      if (length < BmpMessage.COMMON_HEADER_LENGTH || length > input.length - pos) return;
      ByteBuf frame = Unpooled.wrappedBuffer(input, pos, (int) length);
      try {
        BmpMessage m = BmpMessageDecoder.decode(frame, peers);
        assertNotNull(m);
        assertFalse(frame.isReadable(), "the frame is consumed");
        FuzzSeeds.printable(m);
        check(m, peers, (int) length);
        peers.accept(m);
      } finally {
        frame.release();
      }
      pos += (int) length;
    }
  }

  private static void check(BmpMessage m, PeerUpTable peers, int length) {
    if (m instanceof InvalidBmpMessage invalid) {
      assertTrue(invalid.offset() >= 0 && invalid.offset() <= length, "offset inside the message: " + invalid);
      assertFalse(invalid.reason().isBlank(), "a reason");
      return;
    }
    if (m instanceof UnknownBmpMessage) return;
    if (m instanceof RouteMonitoring rm && rm.update() instanceof Update u) {
      for (BgpError e : u.warnings()) BgpDecoderFuzzTest.wellFormed(e, u.raw().length);
    }
    byte[] once = BmpMessageEncoder.toBytes(m);
    ByteBuf b = Unpooled.wrappedBuffer(once);
    try {
      BmpMessage again = BmpMessageDecoder.decode(b, peers);
      assertFalse(again instanceof InvalidBmpMessage, () -> "re-encoded " + m + " reads back as " + again);
      assertEquals(m.type(), again.type());
      assertArrayEquals(once, BmpMessageEncoder.toBytes(again), "encode(decode(encode(m))) == encode(m)");
    } finally {
      b.release();
    }
  }
}
