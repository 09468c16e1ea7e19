package io.routemill.collector.mrt;

import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.query.SessionDirectory;
import io.routemill.collector.rib.PeerTable;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.wire.bgp.IpAddresses;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loaded MRT files as the API lists them: one router per router name ({@code sysName} the files, messages the
 * events read, errors the problems and skipped records), and one peer per loaded table ({@code source: mrt},
 * state {@code loaded}). Written once per load, read by API threads.
 */
public final class MrtDirectory implements SessionDirectory {
  private final Clock clock;
  private volatile List<RouterInfo> routers = List.of();
  private volatile Instant loadedAt;

  public MrtDirectory(Clock clock) {
    this.clock = clock;
  }

  /** Records what a load did. */
  public void loaded(List<MrtLoader.Result> results) {
    Map<String, List<MrtSummary>> byRouter = new TreeMap<>();
    for (MrtLoader.Result r : results) {
      if (r.loaded() && r.summary().router() != null) {
        byRouter.computeIfAbsent(r.summary().router(), k -> new ArrayList<>()).add(r.summary());
      }
    }
    Instant at = clock.instant();
    List<RouterInfo> out = new ArrayList<>();
    for (Map.Entry<String, List<MrtSummary>> e : byRouter.entrySet()) {
      Map<String, Long> messages = new LinkedHashMap<>();
      Map<String, Long> errors = new LinkedHashMap<>();
      List<String> files = new ArrayList<>();
      for (MrtSummary s : e.getValue()) {
        files.add(s.file());
        messages.merge("tableEntries", s.tableEntries(), Long::sum);
        messages.merge("updates", s.updates(), Long::sum);
        messages.merge("stateChanges", s.stateChanges(), Long::sum);
        errors.merge("problems", s.problems(), Long::sum);
        errors.merge("skipped", s.skipped(), Long::sum);
      }
      out.add(new RouterInfo(e.getKey(), String.join(" ", files), "MRT files loaded with run --load", at, messages,
          errors));
    }
    loadedAt = at;
    routers = List.copyOf(out);
  }

  @Override
  public List<RouterInfo> routers() {
    return routers;
  }

  @Override
  public List<PeerInfo> peers(Rib rib) {
    List<PeerInfo> out = new ArrayList<>();
    for (TableKey k : rib.keys()) {
      if (k.source() != Source.MRT) continue;
      PeerTable t = rib.find(k);
      TableCounts c = rib.counts(k);
      if (t == null || c == null) continue;
      byte[] id = t.peerBgpId();
      out.add(new PeerInfo(k.router(), k.peerAddress(), t.peerAsn(), id.length == 4 ? IpAddresses.format(id) : null,
          k.rib(), Source.MRT.label(), "loaded", loadedAt, c.prefixesIpv4(), c.prefixesIpv6(), c.pathsIpv4(),
          c.pathsIpv6()));
    }
    return out;
  }
}
