package io.routemill.collector.ingest;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.LongAdder;

/**
 * Back-pressure for one connection: after each event it hands to the {@link Ingest}, a source calls
 * {@link #check}; when the stream is backlogged, reading from the socket stops (Netty autoRead off) until the
 * stream drains, so a slow consumer slows the routers instead of growing a buffer. What was already read (one
 * TCP read's worth of frames) is still processed: the overshoot per connection is bounded. Event-loop thread only.
 */
public final class ReadPause {
  private final Ingest ingest;
  private final Channel channel;
  private final LongAdder pauses;
  private boolean paused;

  /** @param pauses counts how often this source stopped reading (shared by a source's connections) */
  public ReadPause(Ingest ingest, Channel channel, LongAdder pauses) {
    this.ingest = ingest;
    this.channel = channel;
    this.pauses = pauses;
  }

  public void check() {
    if (paused || !ingest.backlogged() || !channel.isActive()) return;
    paused = true;
    channel.config().setAutoRead(false);
    pauses.increment();
    ingest.whenWritable(() -> channel.eventLoop().execute(() -> {
      paused = false;
      channel.config().setAutoRead(true);
    }));
  }

  public boolean paused() {
    return paused;
  }
}
