package io.routemill.archiver.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * A local file system whose disk a test can fill: {@code fulldisk://NAME/absolute/path} is the local
 * {@code /absolute/path}, and once {@link #fill} has been called every write fails the way
 * {@link RawLocalFileSystem} fails on a full disk, with an {@link FSError} (a {@code java.lang.Error}) wrapping
 * {@code IOException("No space left on device")}; {@link #makeRoom} gives the space back. Registered for its
 * scheme through {@code META-INF/services/org.apache.hadoop.fs.FileSystem}; Hadoop caches one instance per
 * authority, so each test names its own disk and gets it back with {@code (FullDiskFileSystem) store.fs()}.
 */
public final class FullDiskFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "fulldisk";

  private volatile URI uri;
  private final AtomicLong free = new AtomicLong(Long.MAX_VALUE);
  private volatile long eachFile = Long.MAX_VALUE;
  private final AtomicLong refusedWrites = new AtomicLong();
  private final java.util.Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A fresh disk's root URI for {@code dir} (an absolute local directory). */
  static URI uri(String disk, java.nio.file.Path dir) {
    return URI.create(SCHEME + "://" + disk + dir.toAbsolutePath().toUri().getRawPath());
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    uri = URI.create(SCHEME + "://" + name.getAuthority() + "/");
    setWorkingDirectory(new Path(uri.resolve(new java.io.File(System.getProperty("user.dir")).toURI().getRawPath())));
  }

  @Override
  public URI getUri() {
    URI u = uri;
    return u == null ? super.getUri() : u; // the super constructor asks before initialize
  }

  /** From now on every write fails: the disk is full. */
  void fill() {
    leave(0);
  }

  /** Only {@code bytes} more can be written: the write that goes beyond writes what fits and fails. */
  void leave(long bytes) {
    free.set(bytes);
  }

  /**
   * Files created from now on fail once they hold {@code bytes} (as with a quota): a deterministic failure in the
   * middle of each file, whichever is written first.
   */
  void limitEachFile(long bytes) {
    eachFile = bytes;
  }

  /** The space is back: writes succeed again. */
  void makeRoom() {
    free.set(Long.MAX_VALUE);
    eachFile = Long.MAX_VALUE;
  }

  /** Writes refused since the disk was made. */
  long refusedWrites() {
    return refusedWrites.get();
  }

  /**
   * The names of the files open for writing: a descriptor left open keeps a deleted file's space on a real
   * disk (and on tmpfs), so a full disk would stay full.
   */
  java.util.List<String> openFiles() {
    return open.stream().sorted().toList();
  }

  @Override
  protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
      throws IOException {
    String name = f.getName();
    OutputStream file = super.createOutputStreamWithMode(f, append, permission);
    open.add(name);
    return new FilterOutputStream(file) {
      private long room = eachFile;

      @Override
      public void close() throws IOException {
        try {
          out.close();
        } finally {
          open.remove(name);
        }
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        long fits = Math.min(room, free.get());
        if (fits >= len) {
          if (room != Long.MAX_VALUE) room -= len;
          if (free.get() != Long.MAX_VALUE) free.addAndGet(-len);
          out.write(b, off, len);
          return;
        }
        // what fits is written, then the write fails, as write(2) does on a full disk
        if (free.get() != Long.MAX_VALUE) free.addAndGet(-fits);
        room = 0;
        if (fits > 0) out.write(b, off, (int) fits);
        refusedWrites.incrementAndGet();
        throw noSpace();
      }
    };
  }

  /** What RawLocalFileSystem's output stream throws when write(2) fails: FSError's constructor is not public. */
  private static FSError noSpace() {
    try {
      Constructor<FSError> c = FSError.class.getDeclaredConstructor(Throwable.class);
      c.setAccessible(true);
      return c.newInstance(new IOException("No space left on device"));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make Hadoop's FSError", e);
    }
  }
}
