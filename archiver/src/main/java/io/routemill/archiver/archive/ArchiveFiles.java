package io.routemill.archiver.archive;

import io.routemill.wire.mrt.MrtInputs;
import io.routemill.wire.mrt.MrtReader;
import io.routemill.wire.mrt.MrtType;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.Util;

/** Record counts of published files, for index entries rebuilt at start-up. */
final class ArchiveFiles {
  private ArchiveFiles() {}

  /** MRT: records (RIB entries for bviews); Parquet: rows from the footer. */
  static long countRecords(ArchiveStore store, Path file, String format) throws IOException {
    if (format.equals("parquet")) {
      // the footer only (ParquetFileReader would need Hadoop's MapReduce jars): ... FileMetaData, length, "PAR1"
      long size = store.fs().getFileStatus(file).getLen();
      try (org.apache.hadoop.fs.FSDataInputStream in = store.fs().open(file)) {
        byte[] tail = new byte[8];
        in.readFully(size - 8, tail);
        int len = (tail[0] & 0xFF) | (tail[1] & 0xFF) << 8 | (tail[2] & 0xFF) << 16 | (tail[3] & 0xFF) << 24;
        if (tail[4] != 'P' || tail[5] != 'A' || tail[6] != 'R' || tail[7] != '1' || len <= 0 || len > size - 12) {
          throw new IOException(file + " is not a Parquet file");
        }
        byte[] footer = new byte[len];
        in.readFully(size - 8 - len, footer);
        return Util.readFileMetaData(new java.io.ByteArrayInputStream(footer)).getNum_rows();
      }
    }
    long n = 0;
    try (MrtReader reader = new MrtReader(MrtInputs.open(store.fs().open(file)), file.toString(), p -> { })) {
      io.routemill.wire.mrt.MrtRecord r;
      while ((r = reader.next()) != null) {
        if (r.type() == MrtType.TABLE_DUMP_V2 && r.subtype() != MrtType.PEER_INDEX_TABLE && r.bodyLength() >= 4) {
          byte[] b = r.body();
          int pos = 4; // sequence
          if (r.subtype() == MrtType.RIB_GENERIC || r.subtype() == MrtType.RIB_GENERIC_ADDPATH) pos += 3;
          int plen = b[pos] & 0xFF;
          pos += 1 + (plen + 7) / 8;
          if (pos + 2 <= r.bodyLength()) n += ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        } else if (r.type() != MrtType.TABLE_DUMP_V2) {
          n++;
        }
      }
    }
    return n;
  }
}
