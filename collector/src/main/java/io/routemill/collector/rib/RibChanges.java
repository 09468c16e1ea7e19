package io.routemill.collector.rib;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The RIB's change listeners. Costs nothing on the ingest path while nobody listens: tables collect changed
 * prefixes only when {@link #active()}.
 */
final class RibChanges {
  private final CopyOnWriteArrayList<RibChangeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean active;

  void add(RibChangeListener l) {
    listeners.add(l);
    active = true;
  }

  void remove(RibChangeListener l) {
    listeners.remove(l);
    active = !listeners.isEmpty();
  }

  boolean active() {
    return active;
  }

  /** Reports (high, low, length) triples of one family; duplicates (several paths of one prefix) are removed. */
  void fire(TableKey table, boolean ipv6, PrefixTable.LongBuffer triples) {
    if (triples.n == 0) return;
    List<Prefix> prefixes = new ArrayList<>(triples.n / 3);
    long pa = 0;
    long pb = 0;
    int plen = -1;
    for (int i = 0; i < triples.n; i += 3) {
      long a = triples.a[i];
      long b = triples.a[i + 1];
      int len = (int) triples.a[i + 2];
      if (a == pa && b == pb && len == plen) continue;
      prefixes.add(PrefixKeys.prefix(ipv6 ? AfiSafi.AFI_IPV6 : AfiSafi.AFI_IPV4, a, b, len));
      pa = a;
      pb = b;
      plen = len;
    }
    triples.clear();
    List<Prefix> view = List.copyOf(prefixes);
    for (RibChangeListener l : listeners) {
      try {
        l.prefixesChanged(table, view);
      } catch (RuntimeException e) {
        System.getLogger("routemill.rib").log(System.Logger.Level.ERROR, "RIB change listener failed", e);
      }
    }
  }

  void dropped(TableKey table) {
    for (RibChangeListener l : listeners) {
      try {
        l.tableDropped(table);
      } catch (RuntimeException e) {
        System.getLogger("routemill.rib").log(System.Logger.Level.ERROR, "RIB change listener failed", e);
      }
    }
  }
}
