package io.routemill.wire.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Test helpers: hex literals (whitespace ignored, so they can be split field by field) and pooled direct
 * buffers that are checked for reference counts and always released, so paranoid leak detection sees them.
 */
public final class Wire {
  public static final String MARKER = "ffffffffffffffffffffffffffffffff";

  private Wire() {}

  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** Runs {@code f} on a pooled direct buffer holding {@code hex}; checks refCnt and releases it. */
  public static <T> T withBuf(String hex, Function<ByteBuf, T> f) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
    try {
      buf.writeBytes(bytes(hex));
      T result = f.apply(buf);
      assertEquals(1, buf.refCnt(), "decoder must not retain or release the buffer");
      return result;
    } finally {
      buf.release();
      assertEquals(0, buf.refCnt());
    }
  }

  /** Decodes one message that must use up all of {@code hex}. */
  public static BgpMessage decode(String hex, DecodeContext ctx) {
    return withBuf(hex, buf -> {
      BgpMessage m = BgpMessageDecoder.decode(buf, ctx);
      assertFalse(buf.isReadable(), "message not fully consumed");
      return m;
    });
  }

  public static <T extends BgpMessage> T decode(String hex, DecodeContext ctx, Class<T> type) {
    BgpMessage m = decode(hex, ctx);
    if (!type.isInstance(m)) throw new AssertionError("expected " + type.getSimpleName() + " but got " + m);
    return type.cast(m);
  }
}
