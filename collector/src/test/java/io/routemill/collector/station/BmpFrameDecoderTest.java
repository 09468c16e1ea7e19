package io.routemill.collector.station;

import io.routemill.wire.bmp.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.routemill.wire.bgp.Wire;
import io.routemill.testkit.Pcap;
import io.routemill.testkit.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link BmpFrameDecoder}: byte-at-a-time framing of a real stream, buffer ownership, framing errors. */
class BmpFrameDecoderTest {
  private static ByteBuf buf(byte[] b, int from, int len) {
    return PooledByteBufAllocator.DEFAULT.directBuffer(len).writeBytes(b, from, len);
  }

  @Test
  void realStreamOneByteAtATime() throws Exception {
    // 206: FRR traffic re-segmented by pmacct with BMP messages split across TCP segments
    byte[] stream = Pcap.tcpStreams(SharedData.file(
        "bmp/pmacct-test-automation/206-BMP-high-availability/traffic-00.pcap")).stream()
        .filter(s -> s.destinationPort() == 1790).findFirst().orElseThrow().data();
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder());
    List<ByteBuf> inputs = new ArrayList<>();
    Map<Integer, Integer> types = new TreeMap<>();
    PeerUpTable table = new PeerUpTable();
    long bytes = 0;
    try {
      for (int i = 0; i < stream.length; i++) {
        ByteBuf in = buf(stream, i, 1);
        inputs.add(in);
        ch.writeInbound(in);
        ByteBuf frame;
        while ((frame = ch.readInbound()) != null) {
          try {
            assertEquals(1, frame.refCnt());
            bytes += frame.readableBytes();
            BmpMessage m = BmpMessageDecoder.decode(frame, table);
            table.accept(m);
            types.merge(m.type(), 1, Integer::sum);
          } finally {
            assertTrue(frame.release());
          }
        }
      }
      assertEquals(stream.length, bytes);
      assertEquals(Map.of(0, 253, 1, 36, 3, 5, 4, 1), types); // tshark's counts (SOURCES.md)
    } finally {
      ch.finishAndReleaseAll();
    }
    for (ByteBuf in : inputs) assertEquals(0, in.refCnt(), "every input buffer released");
  }

  @Test
  void wrongVersionIsAFramingErrorAtItsStreamOffset() {
    byte[] init = Wire.bytes(BmpGoldenTest.INITIATION); // 42 bytes
    byte[] bad = Wire.bytes("04 0000002a 04"); // version 4
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder());
    ByteBuf first = buf(init, 0, init.length);
    ch.writeInbound(first);
    ByteBuf frame = ch.readInbound();
    frame.release();
    BmpFramingException e = assertThrows(BmpFramingException.class, () -> ch.writeInbound(buf(bad, 0, 1)));
    assertEquals(42, e.streamOffset());
    assertTrue(e.reason().contains("version 4"), e.reason());
    // later bytes, even a valid message, are discarded: the stream cannot be resynchronised
    ch.writeInbound(buf(init, 0, init.length));
    assertNull(ch.readInbound());
    assertEquals(0, first.refCnt());
    ch.finishAndReleaseAll();
  }

  @Test
  void absurdAndTooShortLengths() {
    byte[] init = Wire.bytes(BmpGoldenTest.INITIATION);
    for (String header : List.of("03 7fffffff 00", "03 00100001 00", "03 00000005 04")) {
      EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder());
      byte[] stream = new byte[init.length * 2 + 6];
      System.arraycopy(init, 0, stream, 0, init.length);
      System.arraycopy(init, 0, stream, init.length, init.length);
      System.arraycopy(Wire.bytes(header), 0, stream, 2 * init.length, 6);
      BmpFramingException e = assertThrows(BmpFramingException.class,
          () -> ch.writeInbound(buf(stream, 0, stream.length)));
      assertEquals(84, e.streamOffset(), header);
      assertTrue(e.reason().startsWith("message length"), e.reason());
      int frames = 0;
      for (ByteBuf f; (f = ch.readInbound()) != null; frames++) f.release();
      assertEquals(2, frames, "messages before the bad header are delivered");
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void framesUpToTheLimitPass() {
    // A message just above 128 KiB (a Peer Up with two RFC 9072 extended OPENs would be about this size)
    int size = (128 << 10) + 100;
    byte[] big = new byte[size];
    big[0] = 3;
    big[1] = (byte) (size >>> 24);
    big[2] = (byte) (size >>> 16);
    big[3] = (byte) (size >>> 8);
    big[4] = (byte) size;
    big[5] = (byte) 200; // a type this codec does not know
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder());
    for (int i = 0; i < size; i += 8192) ch.writeInbound(buf(big, i, Math.min(8192, size - i)));
    ByteBuf frame = ch.readInbound();
    try {
      assertEquals(size, frame.readableBytes());
      UnknownBmpMessage m = (UnknownBmpMessage) BmpMessageDecoder.decode(frame, PeerContexts.HEADER_ONLY);
      assertEquals(200, m.type());
    } finally {
      frame.release();
      ch.finishAndReleaseAll();
    }
    assertTrue(BmpFrameDecoder.MAX_FRAME_LENGTH >= 128 << 10);
  }

  /** Feeds {@code n} bytes of one unfinished 1 MiB message (its header first) to {@code ch}. */
  private static void hold(EmbeddedChannel ch, int from, int n) {
    byte[] b = new byte[n];
    if (from == 0) System.arraycopy(Wire.bytes("03 00100000 00"), 0, b, 0, 6);
    ch.writeInbound(buf(b, 0, n));
  }

  @Test
  void theFrameBudgetIsSharedAndClosesTheConnectionThatExceedsIt() {
    FrameBudget budget = new FrameBudget(200 << 10);
    EmbeddedChannel a = new EmbeddedChannel(new BmpFrameDecoder(BmpFrameDecoder.MAX_FRAME_LENGTH, budget));
    EmbeddedChannel b = new EmbeddedChannel(new BmpFrameDecoder(BmpFrameDecoder.MAX_FRAME_LENGTH, budget));
    EmbeddedChannel small = new EmbeddedChannel(new BmpFrameDecoder(BmpFrameDecoder.MAX_FRAME_LENGTH, budget));
    try {
      hold(a, 0, 150 << 10);
      assertEquals(150 << 10, budget.held());
      hold(b, 0, 40 << 10);
      // b would hold 80 KiB: beyond the 64 KiB it may always hold, and 230 KiB in all
      assertThrows(FrameBudget.Exceeded.class, () -> hold(b, 40 << 10, 40 << 10));
      assertEquals(150 << 10, budget.held(), "what b held is dropped at once");
      hold(b, 80 << 10, 1000);
      assertEquals(150 << 10, budget.held(), "and nothing more is buffered for it");
      hold(small, 0, 60 << 10); // over the budget in all, but within what a connection may always hold
      assertEquals(210 << 10, budget.held());
      a.close();
      assertEquals(60 << 10, budget.held(), "a closed connection's bytes leave the budget");
    } finally {
      a.finishAndReleaseAll();
      b.finishAndReleaseAll();
      small.finishAndReleaseAll();
    }
    assertEquals(0, budget.held());
  }
}
