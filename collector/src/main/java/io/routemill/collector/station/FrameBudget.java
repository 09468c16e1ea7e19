package io.routemill.collector.station;

import io.netty.handler.codec.DecoderException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The station-wide budget for unfinished messages: the bytes every connection's {@link BmpFrameDecoder} holds in
 * its cumulation while a message is incomplete (RFC 7854 §4.1 lets a header announce up to 4 GiB; the decoder
 * refuses more than 1 MiB, and this bounds the sum over all connections).
 *
 * <p>Each connection may hold {@link #FREE_PER_CONNECTION} whatever the total (one ordinary message in
 * progress, so routers that merely stream are never closed because others fill the budget); beyond that, a
 * connection whose holding grows while the total is over the budget is closed ({@link Exceeded}) and what it held
 * is dropped at once. Memory held for unfinished messages thus stays below {@code budget + connections × 64 KiB}.
 */
final class FrameBudget {
  /** 64 KiB: a whole RFC 8654 extended UPDATE in progress. */
  static final int FREE_PER_CONNECTION = 64 << 10;

  private final long budget;
  private final AtomicLong held = new AtomicLong();

  FrameBudget(long budget) {
    this.budget = budget;
  }

  /**
   * A connection's holding moves from {@code before} to {@code after} bytes; false when it has to be closed (it
   * holds more than {@link #FREE_PER_CONNECTION} and the total is over the budget). The caller then drops what it
   * holds and reports {@code after} → 0.
   */
  boolean update(long before, long after) {
    long total = held.addAndGet(after - before);
    return after <= before || after <= FREE_PER_CONNECTION || total <= budget;
  }

  /** Bytes held by all connections now. */
  long held() {
    return held.get();
  }

  long budget() {
    return budget;
  }

  /** Fired by the decoder of a connection closed for the budget. */
  static final class Exceeded extends DecoderException {
    private static final long serialVersionUID = 1L;

    Exceeded(long connectionHeld, long budget) {
      super("held " + connectionHeld + " bytes of an unfinished message while the station's " + budget
          + "-byte frame budget was exhausted");
    }
  }
}
