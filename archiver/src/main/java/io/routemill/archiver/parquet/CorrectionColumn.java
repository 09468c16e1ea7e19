package io.routemill.archiver.parquet;

import io.routemill.collector.rib.Correction;
import java.util.Set;
import org.apache.parquet.io.api.Binary;

/**
 * The {@code corrections} column: what routemill corrected in a route a router reported
 * ({@link Correction} labels, e.g. {@code own-as-removed}), so the updates and routes tables say why they differ
 * from the raw MRT bytes. One shared array per combination: no allocation per row.
 */
public final class CorrectionColumn {
  private static final Binary[][] BY_BITS = new Binary[1 << Correction.values().length][];

  static {
    for (int bits = 0; bits < BY_BITS.length; bits++) {
      Set<Correction> set = Correction.of(bits);
      Binary[] labels = new Binary[set.size()];
      int i = 0;
      for (Correction c : set) labels[i++] = AttributeColumns.utf8(c.label());
      BY_BITS[bits] = labels;
    }
  }

  private CorrectionColumn() {}

  /** The labels of a {@link Correction#bits} set (an empty array for none). */
  public static Binary[] of(int bits) {
    return BY_BITS[bits & (BY_BITS.length - 1)];
  }

  public static Binary[] of(Set<Correction> corrections) {
    return corrections.isEmpty() ? BY_BITS[0] : of(Correction.bits(corrections));
  }
}
