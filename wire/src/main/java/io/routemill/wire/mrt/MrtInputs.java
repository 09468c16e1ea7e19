package io.routemill.wire.mrt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Opens MRT input, recognising gzip and bzip2 by their magic bytes rather than the file name: RIS and
 * RouteViews use both, and files are often renamed. Concatenated members are read through (gzip members as
 * {@code cat a.gz b.gz} makes them; bzip2 streams as pbzip2 writes them).
 */
public final class MrtInputs {
  private static final int BUFFER = 1 << 16;

  private MrtInputs() {}

  public enum Compression { NONE, GZIP, BZIP2 }

  public static InputStream open(Path file) throws IOException {
    return open(Files.newInputStream(file));
  }

  public static InputStream open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    try {
      switch (detect(in)) {
        case GZIP:
          return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        case BZIP2:
          // No read-ahead buffer on top: a bzip2 stream cut short fails in the middle of a read, and the
          // bytes decoded by that read would be lost with the buffer; MRT records before the cut must print.
          return new BZip2CompressorInputStream(in, true);
        default:
          return in;
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Peeks at the first bytes of a mark-supporting stream without consuming them. */
  public static Compression detect(InputStream in) throws IOException {
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b0 == 0x1F && b1 == 0x8B) return Compression.GZIP;
    if (b0 == 'B' && b1 == 'Z' && b2 == 'h') return Compression.BZIP2;
    return Compression.NONE;
  }
}
