package io.routemill.archiver.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** gzip output (RFC 1952) at a chosen deflate level, which {@link GZIPOutputStream} does not take itself. */
final class Gzip {
  private Gzip() {}

  static GZIPOutputStream output(OutputStream out, int level) throws IOException {
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(level);
      }
    };
  }
}
