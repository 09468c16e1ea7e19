package io.routemill.collector.mrt;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongSupplier;

/**
 * Reads an input stream on its own thread, {@value #CHUNK} bytes at a time and at most {@value #DEPTH} chunks
 * ahead, so decompressing a gzip or bzip2 archive runs on one core while the caller decodes on another.
 *
 * <p>Nothing read before a failure is lost: the producer hands over every byte it got, then the failure, which
 * the caller's read throws once those bytes are consumed (a truncated archive prints its complete records
 * first). An input that fails in the middle of a bulk read has written bytes into the buffer that the failed call
 * does not report (bzip2 decodes byte by byte into it); {@code decodedCount}, the input's running count of bytes
 * produced, recovers them. Closing stops the producer and closes the input.
 */
final class ReadAheadInputStream extends InputStream {
  static final int CHUNK = 1 << 17;
  static final int DEPTH = 4;
  private static final Chunk END = new Chunk(new byte[0], 0, null);

  private record Chunk(byte[] bytes, int length, IOException failure) {}

  private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(DEPTH);
  private final InputStream in;
  private final LongSupplier decodedCount;
  private final Thread producer;
  private volatile boolean closed;
  /** Bytes the producer has put into the chunk it is filling; kept when a read fails part-way. */
  private int filled;
  private Chunk current = new Chunk(new byte[0], 0, null);
  private int position;
  private boolean ended;

  /** @param decodedCount the input's count of bytes produced so far, or null if a failed read writes nothing */
  ReadAheadInputStream(InputStream in, LongSupplier decodedCount, String name) {
    this.in = in;
    this.decodedCount = decodedCount;
    this.producer = new Thread(this::produce, "read-ahead " + name);
    producer.setDaemon(true);
    producer.start();
  }

  private void produce() {
    try {
      while (!closed) {
        byte[] bytes = new byte[CHUNK];
        filled = 0;
        IOException failure = null;
        try {
          fill(bytes);
        } catch (IOException e) {
          failure = e;
        } catch (RuntimeException e) {
          failure = new IOException(e.getMessage(), e);
        }
        int length = filled;
        if (length > 0 || failure != null) chunks.put(new Chunk(bytes, length, failure));
        if (failure != null || length < CHUNK) break;
      }
      chunks.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed: the consumer is gone
    }
  }

  private void fill(byte[] bytes) throws IOException {
    int n;
    while (filled < bytes.length) {
      long before = decodedCount == null ? 0 : decodedCount.getAsLong();
      try {
        n = in.read(bytes, filled, bytes.length - filled);
      } catch (IOException | RuntimeException e) {
        if (decodedCount != null) filled += (int) (decodedCount.getAsLong() - before);
        throw e;
      }
      if (n <= 0) return;
      filled += n;
    }
  }

  /** Makes {@link #current} a chunk with unread bytes; false at the end. Throws a failure after its bytes. */
  private boolean advance() throws IOException {
    while (position >= current.length) {
      if (current.failure != null) {
        IOException failure = current.failure;
        current = END;
        ended = true;
        throw failure;
      }
      if (ended) return false;
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while reading ahead");
      }
      position = 0;
      if (current == END) {
        ended = true;
        return false;
      }
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return advance() ? current.bytes[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (!advance()) return -1;
    int n = Math.min(len, current.length - position);
    System.arraycopy(current.bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    producer.interrupt();
    chunks.clear();
    try {
      producer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    in.close();
  }
}
