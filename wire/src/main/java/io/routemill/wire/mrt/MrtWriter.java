package io.routemill.wire.mrt;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** Writes MRT records to a stream; compression and atomic publication are the caller's concern. */
public final class MrtWriter implements Closeable {
  private final OutputStream out;
  private long records;

  public MrtWriter(OutputStream out) {
    this.out = out;
  }

  public void write(MrtMessage message) throws IOException {
    out.write(MrtEncoder.record(message));
    records++;
  }

  public long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
