package io.routemill.app.interop;

import io.routemill.wire.mrt.MrtInputs;
import io.routemill.testkit.SharedData;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Raw (uncompressed) MRT input for {@code gobgp mrt inject}, which cannot read bzip2: the first records of one
 * of the real RIB dumps under shared/data, cut at a record boundary, written to the test's temporary directory.
 */
public final class MrtSample {
  /** pyasn's cut of a RouteViews TABLE_DUMP_V2 IPv4 RIB (~30 paths per prefix). */
  public static final String RIB_V4 = "mrt/pyasn/rib.20140523.0600_firstMB.bz2";
  /** pyasn's cut of a RouteViews TABLE_DUMP_V2 IPv6 RIB. */
  public static final String RIB_V6 = "mrt/pyasn/rib6.20151101.0600_firstMB.bz2";

  private static final int TABLE_DUMP_V2 = 13;
  private static final int PEER_INDEX_TABLE = 1;

  private MrtSample() {}

  /**
   * Writes the PEER_INDEX_TABLE and the first {@code ribEntries} RIB records (one prefix each) of {@code relative}
   * to {@code out}; returns how many RIB records were written.
   */
  public static int firstEntries(String relative, int ribEntries, Path out) throws IOException {
    int written = 0;
    try (InputStream raw = MrtInputs.open(SharedData.file(relative));
        DataInputStream in = new DataInputStream(raw);
        OutputStream o = Files.newOutputStream(out)) {
      byte[] header = new byte[12];
      while (written < ribEntries) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        int type = (header[4] & 0xFF) << 8 | (header[5] & 0xFF);
        int subtype = (header[6] & 0xFF) << 8 | (header[7] & 0xFF);
        long length = (header[8] & 0xFFL) << 24 | (header[9] & 0xFF) << 16 | (header[10] & 0xFF) << 8 | (header[11] & 0xFF);
        if (length > 1 << 24) throw new IOException(relative + ": implausible MRT record length " + length);
        byte[] body = new byte[(int) length];
        in.readFully(body);
        o.write(header);
        o.write(body);
        if (!(type == TABLE_DUMP_V2 && subtype == PEER_INDEX_TABLE)) written++;
      }
    }
    if (written < ribEntries) throw new IOException(relative + " holds only " + written + " RIB entries");
    return written;
  }
}
