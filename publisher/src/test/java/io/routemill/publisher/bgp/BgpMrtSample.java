package io.routemill.publisher.bgp;

import io.routemill.archiver.mrt.MrtInputs;
import io.routemill.testkit.SharedData;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Raw MRT for {@code gobgp mrt inject}: the peer index and the first RIB entries of a real RIB dump under shared/data. */
final class BgpMrtSample {
  static final String RIB_V4 = "mrt/pyasn/rib.20140523.0600_firstMB.bz2";
  static final String RIB_V6 = "mrt/pyasn/rib6.20151101.0600_firstMB.bz2";

  private BgpMrtSample() {}

  static Path firstEntries(String relative, int ribEntries, Path out) throws IOException {
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
        byte[] body = new byte[(int) length];
        in.readFully(body);
        o.write(header);
        o.write(body);
        if (!(type == 13 && subtype == 1)) written++;
      }
    }
    if (written < ribEntries) throw new IOException(relative + " holds only " + written + " RIB entries");
    return out;
  }
}
