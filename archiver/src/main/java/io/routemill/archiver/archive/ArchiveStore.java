package io.routemill.archiver.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.Syncable;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The archive root on a Hadoop {@link FileSystem}, and atomic publication: every file is written under a
 * hidden temporary name in its final directory ({@code .inprogress.NAME.UUID}) and renamed to its final name
 * when complete, so a reader (or a crash) never sees a partial file under a final name. {@link #cleanLeftovers}
 * removes the temporary files a killed process left behind.
 *
 * <p>{@code file://} roots use {@link RawLocalFileSystem} (no {@code .crc} side files; rename is the atomic
 * {@code rename(2)}). On HDFS rename is atomic too; on object stores (s3a) it is a copy, so publication there
 * is complete-or-absent only as far as the store's rename is.
 *
 * <p>A write that fails is an {@link IOException} here, whatever the file system: Hadoop's local file system
 * throws {@link FSError}, a {@code java.lang.Error}, when {@code write(2)} fails (a full disk: "No space left on
 * device"), which the archive's handling of I/O failures (abandon the file, record it as missed) would not
 * catch. The streams {@link #create} and {@link #parquetFile} hand out, and the reads here, throw the
 * IOException inside instead.
 */
public final class ArchiveStore {
  public static final String TEMP_PREFIX = ".inprogress.";
  public static final String INDEX = "index.json";

  /** Hadoop logs every codec it hands out at INFO: once per file written. Kept referenced so the level sticks. */
  private static final java.util.logging.Logger CODEC_POOL_LOG =
      java.util.logging.Logger.getLogger("org.apache.hadoop.io.compress.CodecPool");

  static {
    CODEC_POOL_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final Configuration conf;
  private final FileSystem fs;
  private final Path root;

  public ArchiveStore(URI root) throws IOException {
    this.conf = hadoopConfiguration();
    this.root = new Path(root);
    this.fs = this.root.getFileSystem(conf);
  }

  /** Hadoop configuration for routemill: defaults plus a raw (checksum-free) local file system. */
  public static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  public Configuration conf() {
    return conf;
  }

  /**
   * Checks at start that files can be created in the root (a probe file, removed at once): a read-only or
   * unwritable root is a configuration error to report now, naming the root, not a stream of missed intervals
   * later. A full disk is not: it is logged, and the intervals missed until space returns are recorded as such.
   */
  public void checkWritable() throws IOException {
    Path probe = new Path(root, TEMP_PREFIX + "write-check." + java.util.UUID.randomUUID());
    try {
      fs.create(probe, false).close();
    } catch (IOException | RuntimeException | org.apache.hadoop.fs.FSError e) {
      String why = UpdatesFile.describe(e);
      if (why.startsWith("disk full")) {
        System.getLogger("routemill.archive").log(System.Logger.Level.WARNING, "archive root " + root + ": " + why
            + "; files are recorded as missed until space returns");
        return;
      }
      throw new IOException("the archive root " + root + " is not writable: " + why, e);
    } finally {
      try {
        fs.delete(probe, false);
      } catch (IOException | RuntimeException ignored) {
        // nothing was created, or the next start's clean-up removes it
      }
    }
  }

  public FileSystem fs() {
    return fs;
  }

  public Path root() {
    return root;
  }

  /** {@code relative} ('/'-separated) under the root. */
  public Path resolve(String relative) {
    return new Path(root, relative);
  }

  /** The path of {@code file} relative to the root, '/'-separated. */
  public String relative(Path file) {
    String r = fs.makeQualified(root).toUri().getPath();
    String f = fs.makeQualified(file).toUri().getPath();
    if (!r.endsWith("/")) r += "/";
    if (!f.startsWith(r)) throw new IllegalArgumentException(file + " is not under " + root);
    return f.substring(r.length());
  }

  /** A fresh temporary name next to {@code target}. */
  public Path temporary(Path target) {
    return new Path(target.getParent(), TEMP_PREFIX + target.getName() + "." + UUID.randomUUID());
  }

  /** Creates the temporary file (and its directories); its write failures are IOExceptions. */
  public FSDataOutputStream create(Path temporary) throws IOException {
    fs.mkdirs(temporary.getParent());
    try {
      return new FSDataOutputStream(new IoFailures(fs.create(temporary, false, 1 << 16)), null);
    } catch (FSError e) {
      throw io(e);
    }
  }

  /**
   * The temporary file (its directories created) as Parquet's {@link OutputFile}, through Hadoop's
   * ({@link HadoopOutputFile}: the same buffers and block size), its write failures IOExceptions.
   */
  public OutputFile parquetFile(Path temporary) throws IOException {
    fs.mkdirs(temporary.getParent());
    HadoopOutputFile file = HadoopOutputFile.fromPath(temporary, conf);
    return new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) throws IOException {
        try {
          return new ParquetIoFailures(file.create(blockSizeHint));
        } catch (FSError e) {
          throw io(e);
        }
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        try {
          return new ParquetIoFailures(file.createOrOverwrite(blockSizeHint));
        } catch (FSError e) {
          throw io(e);
        }
      }

      @Override
      public boolean supportsBlockSize() {
        return file.supportsBlockSize();
      }

      @Override
      public long defaultBlockSize() {
        return file.defaultBlockSize();
      }

      @Override
      public String getPath() {
        return file.getPath();
      }

      @Override
      public String toString() {
        return file.toString();
      }
    };
  }

  /** The IOException inside an {@link FSError} (disk full: "No space left on device"). */
  static IOException io(FSError e) {
    return e.getCause() instanceof IOException cause ? cause : new IOException(e.getMessage(), e);
  }

  /**
   * Renames a complete temporary file to {@code target}, or, when that name is taken (a restart within the same
   * interval), to {@code NAME-1.EXT}, {@code NAME-2.EXT}, ...; returns the final path.
   */
  public Path publish(Path temporary, Path target) throws IOException {
    String name = target.getName();
    String ext = name.endsWith(".parquet") ? ".parquet" : name.endsWith(".gz") ? ".gz" : "";
    String base = name.substring(0, name.length() - ext.length());
    Path dest = target;
    for (int n = 1; fs.exists(dest); n++) dest = new Path(target.getParent(), base + "-" + n + ext);
    if (!fs.rename(temporary, dest)) {
      throw new IOException("cannot rename " + temporary + " to " + dest);
    }
    return dest;
  }

  /** Deletes a temporary file, quietly. */
  public void discard(Path temporary) {
    try {
      fs.delete(temporary, false);
    } catch (IOException | RuntimeException | FSError ignored) {
      // best effort: cleanLeftovers removes it at the next start
    }
  }

  /** Deletes every temporary file under the root (what a killed process left); returns their paths. */
  public List<Path> cleanLeftovers() throws IOException {
    List<Path> removed = new ArrayList<>();
    if (!fs.exists(root)) return removed;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus s = it.next();
      String name = s.getPath().getName();
      if (name.startsWith(TEMP_PREFIX) && fs.delete(s.getPath(), false)) removed.add(s.getPath());
    }
    return removed;
  }

  /** Every published file under the root (not temporary ones, not the index). */
  public List<FileStatus> publishedFiles() throws IOException {
    List<FileStatus> out = new ArrayList<>();
    if (!fs.exists(root)) return out;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus s = it.next();
      String name = s.getPath().getName();
      if (name.startsWith(".") || name.equals(INDEX)) continue;
      if (name.endsWith(".gz") || name.endsWith(".parquet")) out.add(s);
    }
    return out;
  }

  /** SHA-256 of a file, hex. */
  public String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = fs.open(file)) {
      int n;
      while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
    } catch (FSError e) { // a failed read(2) on the local file system
      throw io(e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Writes the index: a temporary file, then a rename over the old one. */
  public void writeIndex(String json) throws IOException {
    Path target = resolve(INDEX);
    Path tmp = temporary(target);
    try (FSDataOutputStream out = create(tmp)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.hsync();
    } catch (IOException | RuntimeException e) {
      discard(tmp);
      throw e;
    }
    if (!fs.rename(tmp, target)) {
      // FileSystem.rename does not replace on every file system (HDFS): delete, then rename
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        discard(tmp);
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    }
  }

  /** The index's text, or null when there is none. */
  public String readIndex() throws IOException {
    Path p = resolve(INDEX);
    if (!fs.exists(p)) return null;
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FSError e) {
      throw io(e);
    }
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file system's output stream whose {@link FSError}s are the IOExceptions they wrap. */
  private static final class IoFailures extends OutputStream implements Syncable {
    private final FSDataOutputStream out;

    IoFailures(FSDataOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (FSError e) {
        throw io(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (FSError e) {
        throw io(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (FSError e) {
        throw io(e);
      }
    }

    @Override
    public void hflush() throws IOException {
      try {
        out.hflush();
      } catch (FSError e) {
        throw io(e);
      }
    }

    @Override
    public void hsync() throws IOException {
      try {
        out.hsync();
      } catch (FSError e) {
        throw io(e);
      }
    }

    /** The file is closed even when writing out what is buffered fails (FilterOutputStream.close). */
    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (FSError e) {
        throw io(e);
      }
    }
  }

  /** As {@link IoFailures}, for Parquet. */
  private static final class ParquetIoFailures extends PositionOutputStream {
    private final PositionOutputStream out;

    ParquetIoFailures(PositionOutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() throws IOException {
      return out.getPos();
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (FSError e) {
        throw io(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (FSError e) {
        throw io(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (FSError e) {
        throw io(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (FSError e) {
        throw io(e);
      }
    }
  }

  /** Counts and hashes the bytes written through it (the file's bytes: put it below any compressor). */
  static final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest md = ArchiveStore.digest();
    private long count;

    HashingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      md.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      md.update(b, off, len);
      count += len;
    }

    long count() {
      return count;
    }

    String sha256() {
      return HexFormat.of().formatHex(md.digest());
    }
  }
}
