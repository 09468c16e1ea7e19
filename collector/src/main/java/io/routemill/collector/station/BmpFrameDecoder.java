package io.routemill.collector.station;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.routemill.wire.bmp.BmpMessage;
import java.util.List;

/**
 * Splits a BMP TCP stream into messages by the RFC 7854 §4.1 common header: version (1) = 3, length (4, header
 * included), type (1). Emits one {@link ByteBuf} per message holding exactly its bytes, header included: a
 * retained slice of the cumulation (no copy). <b>Ownership passes to the next handler, which must release each
 * frame</b> (typically in a finally block after {@link BmpMessageDecoder#decode}, which copies what it keeps).
 *
 * <p>A header with a version other than 3, or a length below 6 or above {@link #MAX_FRAME_LENGTH}, cannot be
 * recovered from (BMP has no marker to resynchronise on): the decoder fires a {@link BmpFramingException} with
 * the header's offset in the stream, discards everything it holds and everything that arrives afterwards, and
 * the station closes the connection. The version is checked as soon as its byte arrives.
 *
 * <p>With a {@link FrameBudget}, the bytes its cumulation holds after each read are accounted station-wide; a
 * connection the budget refuses gets {@link FrameBudget.Exceeded} fired and its bytes dropped, like a framing
 * error.
 */
public final class BmpFrameDecoder extends ByteToMessageDecoder {
  /**
   * 1 MiB. The largest legitimate messages: Route Monitoring with an RFC 8654 extended UPDATE is at most
   * 6 + 42 + 65,535 bytes; a Peer Up carries two OPENs of up to 65,535 bytes each (RFC 9072 extended optional
   * parameters) plus TLVs, about 128 KiB. Statistics, Initiation and Termination are far smaller. A length above
   * this is treated as stream corruption rather than buffered.
   */
  public static final int MAX_FRAME_LENGTH = 1 << 20;

  private final int maxFrameLength;
  private final FrameBudget budget;
  private long consumed;
  private long held;
  private boolean failed;

  public BmpFrameDecoder() {
    this(MAX_FRAME_LENGTH);
  }

  /** @param maxFrameLength the largest message accepted, at least 128 KiB */
  public BmpFrameDecoder(int maxFrameLength) {
    this(maxFrameLength, null);
  }

  /** With the station's budget for unfinished messages (null: none). */
  BmpFrameDecoder(int maxFrameLength, FrameBudget budget) {
    if (maxFrameLength < (128 << 10)) throw new IllegalArgumentException("limit below 128 KiB: " + maxFrameLength);
    this.maxFrameLength = maxFrameLength;
    this.budget = budget;
  }

  /** Bytes of the stream consumed so far as whole frames (the offset of the next header). */
  public long streamOffset() {
    return consumed;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int at = in.readerIndex();
    if (!in.isReadable()) return;
    int version = in.getUnsignedByte(at);
    if (version != BmpMessage.VERSION) fail(in, "BMP version " + version + ", expected 3");
    if (in.readableBytes() < BmpMessage.COMMON_HEADER_LENGTH) return;
    long length = in.getUnsignedInt(at + 1);
    if (length < BmpMessage.COMMON_HEADER_LENGTH || length > maxFrameLength) {
      fail(in, "message length " + length + " outside " + BmpMessage.COMMON_HEADER_LENGTH + ".." + maxFrameLength);
    }
    if (in.readableBytes() < length) return;
    out.add(in.readRetainedSlice((int) length));
    consumed += length;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    try {
      super.channelRead(ctx, msg);
    } finally {
      if (budget != null) account(ctx);
    }
  }

  private void account(ChannelHandlerContext ctx) {
    long before = held;
    held = failed ? 0 : internalBuffer().readableBytes();
    if (budget.update(before, held)) return;
    failed = true;
    internalBuffer().skipBytes(internalBuffer().readableBytes());
    budget.update(held, 0);
    long refused = held;
    held = 0;
    ctx.fireExceptionCaught(new FrameBudget.Exceeded(refused, budget.budget()));
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (budget != null) budget.update(held, 0);
    held = 0;
  }

  private void fail(ByteBuf in, String reason) {
    failed = true;
    in.skipBytes(in.readableBytes());
    throw new BmpFramingException(consumed, reason);
  }
}
