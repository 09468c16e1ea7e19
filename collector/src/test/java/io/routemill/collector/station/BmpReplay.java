package io.routemill.collector.station;

import io.routemill.wire.bmp.*;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: pushes a BMP byte stream through {@link BmpFrameDecoder} in an {@link EmbeddedChannel} (pooled
 * direct buffers, in chunks) and decodes every frame with {@link BmpMessageDecoder}, feeding each message to a
 * {@link PeerUpTable} before the next is decoded, as a station would. Checks reference counts and releases.
 */
final class BmpReplay {
  /** One decoded message and the exact bytes of its frame. */
  record Decoded(BmpMessage message, byte[] frame) {}

  private BmpReplay() {}

  static List<Decoded> replay(byte[] stream, PeerUpTable table, int maxChunk) {
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder());
    List<Decoded> out = new ArrayList<>();
    try {
      int chunk = 1;
      for (int i = 0; i < stream.length; i += chunk, chunk = chunk % maxChunk + 1) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer();
        in.writeBytes(stream, i, Math.min(chunk, stream.length - i));
        ch.writeInbound(in);
        drain(ch, table, out);
      }
      ch.checkException();
      return out;
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  static void drain(EmbeddedChannel ch, PeerUpTable table, List<Decoded> out) {
    ByteBuf frame;
    while ((frame = ch.readInbound()) != null) {
      try {
        assertEquals(1, frame.refCnt(), "frame handed over with one reference");
        byte[] bytes = ByteBufUtil.getBytes(frame);
        BmpMessage m = BmpMessageDecoder.decode(frame, table);
        assertEquals(0, frame.readableBytes(), "decoder consumes the frame");
        assertEquals(1, frame.refCnt(), "decoder neither retains nor releases");
        table.accept(m);
        out.add(new Decoded(m, bytes));
      } finally {
        frame.release();
      }
    }
  }
}
