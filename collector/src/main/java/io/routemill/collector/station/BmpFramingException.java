package io.routemill.collector.station;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The BMP byte stream cannot be framed any further (RFC 7854 §4.1 common header with a version other than 3, or a
 * length below 6 or above {@link BmpFrameDecoder#MAX_FRAME_LENGTH}). BMP has no resynchronisation marker, so the
 * connection must be closed. {@link #streamOffset()} is the position of the bad header in the TCP stream (bytes
 * consumed before it).
 */
public final class BmpFramingException extends CorruptedFrameException {
  private static final long serialVersionUID = 1L;
  private final long streamOffset;
  private final String reason;

  public BmpFramingException(long streamOffset, String reason) {
    super("BMP framing error at stream offset " + streamOffset + ": " + reason);
    this.streamOffset = streamOffset;
    this.reason = reason;
  }

  public long streamOffset() {
    return streamOffset;
  }

  public String reason() {
    return reason;
  }
}
