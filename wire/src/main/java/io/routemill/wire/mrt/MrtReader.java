package io.routemill.wire.mrt;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Streaming MRT framer (RFC 6396 §2): reads one record at a time into a reused buffer, so memory stays
 * constant whatever the file size.
 *
 * <p>The declared length of a record is untrusted: the body buffer only grows as bytes actually arrive, and
 * a record longer than {@link #MAX_RECORD_LENGTH} is skipped without being buffered (the length field is
 * still the only framing MRT has, so reading continues after it). A stream that ends inside a record, or a
 * compressed stream that is cut or corrupt, ends the read with a {@link MrtProblem}, as bgpdump does.
 */
public final class MrtReader implements Closeable {
  /**
   * Largest record body buffered, 16 MiB. Real RIB records of a collector with a thousand peers stay far
   * below (the largest seen in RIS data is a few hundred KiB); anything bigger is a corrupt length.
   */
  public static final int MAX_RECORD_LENGTH = 16 << 20;
  public static final int HEADER_LENGTH = 12;

  private final InputStream in;
  private final String source;
  private final Consumer<MrtProblem> problems;
  private final byte[] header = new byte[HEADER_LENGTH];
  private byte[] body = new byte[1 << 16];
  private long position;
  private boolean finished;

  public MrtReader(InputStream in, String source, Consumer<MrtProblem> problems) {
    this.in = in;
    this.source = source;
    this.problems = problems;
  }

  /** The next record, or null at the end of input. The returned body array is reused by the next call. */
  public MrtRecord next() throws IOException {
    while (!finished) {
      long offset = position;
      int got = readUpTo(header, 0, HEADER_LENGTH);
      if (got == 0) {
        finished = true;
        return null;
      }
      if (got < HEADER_LENGTH) {
        return endWith(offset, -1, -1, "incomplete record header: " + got + " of " + HEADER_LENGTH + " bytes");
      }
      long timestamp = u32(header, 0);
      int type = u16(header, 4);
      int subtype = u16(header, 6);
      long length = u32(header, 8);
      int microseconds = -1;
      if (MrtType.isExtendedTimestamp(type)) {
        if (length < 4) {
          skip(length);
          problems.accept(new MrtProblem(source, offset, type, subtype,
              "extended-timestamp record of " + length + " bytes has no room for microseconds", true));
          continue;
        }
        byte[] us = new byte[4];
        if (readUpTo(us, 0, 4) < 4) return endWith(offset, type, subtype, "incomplete record: stream ends");
        microseconds = (int) u32(us, 0);
        length -= 4;
      }
      if (length > MAX_RECORD_LENGTH) {
        long skipped = skip(length);
        problems.accept(new MrtProblem(source, offset, type, subtype, "declared length " + length
            + " exceeds the " + MAX_RECORD_LENGTH + "-byte limit; record skipped", true));
        if (skipped < length) finished = true;
        continue;
      }
      int want = (int) length;
      int read = readBody(want);
      if (read < want) {
        return endWith(offset, type, subtype, "incomplete record: " + read + " of " + want + " body bytes");
      }
      return new MrtRecord(offset, timestamp, microseconds, type, subtype, body, want);
    }
    return null;
  }

  private MrtRecord endWith(long offset, int type, int subtype, String reason) {
    finished = true;
    problems.accept(new MrtProblem(source, offset, type, subtype, reason, true));
    return null;
  }

  /** Reads into the body buffer, growing it only as far as bytes really arrive. */
  private int readBody(int want) throws IOException {
    int total = 0;
    while (total < want) {
      if (total == body.length) {
        body = java.util.Arrays.copyOf(body, (int) Math.min(want, (long) body.length * 2));
      }
      int n = readUpTo(body, total, Math.min(want, body.length) - total);
      if (n == 0) break;
      total += n;
    }
    return total;
  }

  /** Reads up to len bytes; fewer only at end of input. A broken compressed stream counts as the end. */
  private int readUpTo(byte[] buf, int off, int len) throws IOException {
    int total = 0;
    while (total < len && !streamBroken) {
      int n;
      try {
        n = in.read(buf, off + total, len - total);
      } catch (EOFException e) {
        n = -1;
        reportStreamEnd("compressed stream ends abruptly (" + e.getMessage() + ")");
      } catch (IOException | RuntimeException e) {
        // Decompressors signal truncation and corruption with exceptions of their own (commons-compress also
        // with IllegalStateException when read again); like a failing disk, they end what can be read.
        n = -1;
        reportStreamEnd("input cannot be read further: " + e);
      }
      if (n < 0) break;
      total += n;
      position += n;
    }
    return total;
  }

  private boolean streamBroken;

  private void reportStreamEnd(String reason) {
    if (!streamBroken) {
      streamBroken = true;
      problems.accept(new MrtProblem(source, position, -1, -1, reason, true));
    }
  }

  private long skip(long length) throws IOException {
    byte[] scratch = new byte[8192];
    long done = 0;
    while (done < length) {
      int n = readUpTo(scratch, 0, (int) Math.min(scratch.length, length - done));
      if (n == 0) break;
      done += n;
    }
    return done;
  }

  /** Byte offset of the next unread byte of the uncompressed stream. */
  public long position() {
    return position;
  }

  static long u32(byte[] b, int off) {
    return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }

  static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
