package io.routemill.collector.mrt;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Decompresses a bzip2 file through an installed command ({@code lbzip2 -dc}, else {@code bzip2 -dc}), read
 * from its standard output; the command runs beside the caller's decoding. When it fails (a cut-short or damaged
 * file) it may not have written everything it decoded ({@code bzip2} drops the last piece libbz2 returned with
 * the error), so the rest comes from commons-compress instead: it decodes the file again, skips what the command
 * delivered, and goes on, read ahead as {@link MrtFiles} reads bzip2, until it meets the damage itself and
 * throws. The bytes read are thus exactly those commons-compress (and libbz2 in bgpdump) decode. Closing early
 * kills the process. {@code ROUTEMILL_NO_EXTERNAL_DECOMPRESSOR} set in the environment disables it.
 */
final class ExternalDecompressor extends InputStream {
  private static final List<String> BZIP2 = List.of("lbzip2", "bzip2");
  private static final int STDERR_LIMIT = 4096;

  private final Process process;
  private final InputStream out;
  private final String command;
  private final Path file;
  private boolean ended;
  private long delivered;
  private InputStream fallback;

  private ExternalDecompressor(Process process, String command, Path file) {
    this.process = process;
    this.out = process.getInputStream();
    this.command = command;
    this.file = file;
  }

  /**
   * The decompressed content through the first bzip2 command found on the PATH, if any, and if the file ends as
   * a complete bzip2 stream does (a cut-short file is better read by commons-compress at once than decoded twice).
   */
  static Optional<InputStream> bzip2(Path file) throws IOException {
    if (System.getenv("ROUTEMILL_NO_EXTERNAL_DECOMPRESSOR") != null || !endsLikeABzip2Stream(file)) {
      return Optional.empty();
    }
    for (String command : BZIP2) {
      Optional<Path> tool = onPath(command);
      if (tool.isEmpty()) continue;
      ProcessBuilder pb = new ProcessBuilder(tool.get().toString(), "-dc", "--", file.toString())
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      Process p = pb.start();
      p.getOutputStream().close();
      return Optional.of(new ExternalDecompressor(p, command, file));
    }
    return Optional.empty();
  }

  /**
   * Whether the file's last bytes hold a bzip2 end-of-stream marker: the 48-bit magic 0x177245385090, then the
   * 32-bit combined CRC, then 0-7 bits of padding to the byte boundary.
   */
  static boolean endsLikeABzip2Stream(Path file) throws IOException {
    long size = Files.size(file);
    if (size < 14) return false;
    byte[] tail = new byte[11];
    try (var channel = Files.newByteChannel(file)) {
      channel.position(size - tail.length);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tail);
      while (b.hasRemaining() && channel.read(b) > 0) {
        // read the tail
      }
      if (b.hasRemaining()) return false;
    }
    java.math.BigInteger bits = new java.math.BigInteger(1, tail); // 88 bits
    for (int pad = 0; pad < 8; pad++) {
      long magic = bits.shiftRight(32 + pad).longValue() & 0xFFFF_FFFF_FFFFL;
      if (magic == 0x1772_4538_5090L) return true;
    }
    return false;
  }

  private static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  @Override
  public int read() throws IOException {
    if (fallback != null) return fallback.read();
    int b = out.read();
    if (b >= 0) {
      delivered++;
      return b;
    }
    return end() ? fallback.read() : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (fallback != null) return fallback.read(b, off, len);
    int n = out.read(b, off, len);
    if (n >= 0) {
      delivered += n;
      return n;
    }
    return end() ? fallback.read(b, off, len) : -1;
  }

  /** At the end of the command's output: true if it failed and the fallback now takes over. */
  private boolean end() throws IOException {
    if (ended) return false;
    ended = true;
    byte[] message = readAtMost(process.getErrorStream(), STDERR_LIMIT);
    int status;
    try {
      status = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for " + command);
    }
    if (status == 0) return false;
    String text = new String(message, StandardCharsets.UTF_8).strip().replace('\n', ' ');
    System.getLogger("routemill.mrt").log(System.Logger.Level.DEBUG, command + " exited with status " + status
        + " on " + file + (text.isEmpty() ? "" : ": " + text) + "; decoding the rest with commons-compress");
    BZip2CompressorInputStream again = new BZip2CompressorInputStream(
        new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16), true);
    try {
      again.skipNBytes(delivered);
    } catch (IOException | RuntimeException e) {
      again.close();
      throw e;
    }
    fallback = new ReadAheadInputStream(again, again::getBytesRead, file.getFileName().toString());
    return true;
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (b.size() < limit) b.write(buf, 0, Math.min(n, limit - b.size()));
    }
    return b.toByteArray();
  }

  @Override
  public void close() throws IOException {
    if (!ended) process.destroyForcibly();
    out.close();
    process.getErrorStream().close();
    if (fallback != null) fallback.close();
  }
}
