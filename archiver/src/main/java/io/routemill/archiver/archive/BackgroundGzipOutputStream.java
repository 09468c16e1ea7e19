package io.routemill.archiver.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream (RFC 1952) whose deflating runs on a thread of its own: the writer copies bytes into chunks of
 * {@value #CHUNK} bytes, at most {@value #DEPTH} of them queued, and the thread deflates them in order into
 * {@code out}. The updates archive's MRT compression (a third of the archiver's CPU at level 6) then runs beside
 * the Parquet rows instead of before them.
 *
 * <p>A failure on the thread (disk full, permission denied) is thrown by the writer's next write (a volatile read
 * per write) or by {@link #close}, which also waits for the thread, so once close returns everything is written
 * and the digest of the underlying stream is final. {@link #abandon} stops the thread without writing more, before the caller
 * discards the file.
 */
final class BackgroundGzipOutputStream extends OutputStream {
  static final int CHUNK = 1 << 18;
  static final int DEPTH = 4;
  private static final byte[] END = new byte[0];

  private record Chunk(byte[] bytes, int length) {}

  private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(DEPTH);
  private final GZIPOutputStream gzip;
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean abandoned;
  private byte[] buffer = new byte[CHUNK];
  private int filled;
  private boolean closed;

  BackgroundGzipOutputStream(OutputStream out, int level, String name) throws IOException {
    this.gzip = Gzip.output(out, level);
    this.thread = new Thread(this::deflate, "gzip " + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Deflates chunks until the end marker; after a failure it only takes them, so the writer never blocks. */
  private void deflate() {
    try {
      for (Chunk c; (c = chunks.take()).bytes != END; ) {
        if (failure != null || abandoned) continue;
        try {
          gzip.write(c.bytes, 0, c.length);
        } catch (Throwable t) {
          failure = t;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // abandoned
      return;
    }
    if (failure != null || abandoned) return;
    try {
      gzip.close(); // the trailer, then the file
    } catch (Throwable t) {
      failure = t;
    }
  }

  @Override
  public void write(int b) throws IOException {
    rethrow();
    if (filled == CHUNK) handOff();
    buffer[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    rethrow(); // a failure shows at the next write: the caller abandons the file within the interval
    while (len > 0) {
      if (filled == CHUNK) handOff();
      int n = Math.min(len, CHUNK - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  private void handOff() throws IOException {
    rethrow();
    put(new Chunk(buffer, filled));
    buffer = new byte[CHUNK];
    filled = 0;
  }

  private void put(Chunk c) throws IOException {
    try {
      chunks.put(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted handing bytes to the gzip thread");
    }
  }

  private void rethrow() throws IOException {
    Throwable t = failure;
    if (t == null) return;
    if (t instanceof IOException io) throw io;
    if (t instanceof RuntimeException r) throw r;
    throw new IOException(t.getMessage(), t);
  }

  /** Deflates what is left, writes the gzip trailer, closes the underlying stream and waits for all of it. */
  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    if (filled > 0 && failure == null) put(new Chunk(buffer, filled));
    put(new Chunk(END, 0));
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the gzip thread");
    }
    rethrow();
  }

  /** Stops the thread without writing anything more; the caller closes and discards the underlying file. */
  void abandon() {
    abandoned = true;
    closed = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
