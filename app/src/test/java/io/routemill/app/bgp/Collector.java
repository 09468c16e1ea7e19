package io.routemill.app.bgp;

import io.routemill.collector.rib.Source;
import io.routemill.wire.bgp.Prefix;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RouteRow;
import io.routemill.wire.bgp.IpAddresses;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.rib.TableCounts;
import io.routemill.collector.rib.TableKey;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.speaker.BgpSpeaker;
import io.routemill.collector.speaker.BgpState;
import io.routemill.app.Service;
import io.routemill.app.ServiceAssembly;
import io.routemill.app.config.ConfigLoader;
import io.routemill.app.config.RoutemillConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * routemill's BGP collector for the interop tests, in process and built by {@link ServiceAssembly} as
 * {@code routemill run} builds it: the config goes through {@link ConfigLoader} (YAML text), the speaker feeds the
 * RIB through the ingest, and the HTTP API serves {@code /api/v1/peers} from it. The BMP station listens on a free
 * port of 127.0.0.1.
 */
final class Collector implements AutoCloseable {
  static final String ROUTER_ID = "192.0.2.100";
  static final long LOCAL_AS = 65500;

  final Rib rib;
  final BgpSpeaker speaker;
  final Service service;
  final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  /** {@code neighborsYaml} is the list under {@code bgp.neighbors:}, indented by 4. */
  Collector(int port, String extraBgpYaml, String neighborsYaml) throws Exception {
    String yaml = """
        http:
          host: 127.0.0.1
          port: 0
        bmp:
          host: 127.0.0.1
          port: 0
        bgp:
          host: 127.0.0.1
          port: %d
          localAs: %d
          routerId: %s
          connectRetry: 1
        %s
          neighbors:
        %s
        """.formatted(port, LOCAL_AS, ROUTER_ID, extraBgpYaml.indent(2).stripTrailing(), neighborsYaml.stripTrailing());
    RoutemillConfig config = ConfigLoader.fromYaml("routemill.yaml", yaml);
    ServiceAssembly.Parts parts = ServiceAssembly.build(config);
    rib = parts.rib();
    speaker = parts.speaker().orElseThrow();
    service = parts.service();
    service.start();
    this.port = port;
  }

  BgpState state(String neighbor) throws Exception {
    return speaker.state(InetAddress.getByName(neighbor));
  }

  String lastError(String neighbor) throws Exception {
    return speaker.lastError(InetAddress.getByName(neighbor));
  }

  TableKey key(String neighbor) {
    return new TableKey(ROUTER_ID, Source.BGP, neighbor, 0, RibView.ADJ_IN_PRE);
  }

  TableCounts counts(String neighbor) {
    TableCounts c = rib.find(key(neighbor)) == null ? null : rib.find(key(neighbor)).countsWithStale();
    return c == null ? new TableCounts(0, 0, 0, 0, 0, 0) : c;
  }

  long paths(String neighbor) {
    TableCounts c = counts(neighbor);
    return c.pathsIpv4() + c.pathsIpv6();
  }

  /** Every route of one neighbour: "prefix|asPath|nextHop" → path count, plus the path ids per prefix. */
  Routes routes(String neighbor) {
    Routes out = new Routes();
    for (String all : new String[] {"0.0.0.0/0", "::/0"}) {
      String cursor = null;
      do {
        RoutePage page = rib.routes(new RouteQuery(Prefix.parse(all), Match.MORE, neighbor, RibView.ADJ_IN_PRE, 10_000, cursor));
        for (RouteRow r : page.routes()) {
          if (r.source() != Source.BGP || !r.router().equals(ROUTER_ID)) {
            throw new AssertionError("not a BGP route: " + r);
          }
          out.add(r.prefix().toString(), r.pathId(), r.asPath() == null ? null : AsPathSegment.toText(r.asPath()),
              r.nextHop() == null ? null : IpAddresses.format(r.nextHop()));
        }
        cursor = page.next();
      } while (cursor != null);
    }
    return out;
  }

  JsonObject peerJson(String neighbor) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort()
        + "/api/v1/peers")).build(), HttpResponse.BodyHandlers.ofString());
    JsonArray peers = new JsonObject(r.body()).getJsonArray("peers");
    for (int i = 0; i < peers.size(); i++) {
      JsonObject p = peers.getJsonObject(i);
      if (p.getString("address").equals(neighbor) && "bgp".equals(p.getString("source"))) return p;
    }
    throw new AssertionError("no peer " + neighbor + " in " + r.body());
  }

  @Override
  public void close() {
    service.close();
  }

  /** A comparable view of routes: prefix → sorted "asPath | nextHop" entries (one per path), and path ids. */
  static final class Routes {
    final TreeMap<String, List<String>> paths = new TreeMap<>();
    final TreeMap<String, TreeSet<Long>> ids = new TreeMap<>();

    void add(String prefix, long id, String asPath, String nextHop) {
      paths.computeIfAbsent(prefix, k -> new ArrayList<>()).add(asPath + " | " + nextHop);
      paths.get(prefix).sort(null);
      ids.computeIfAbsent(prefix, k -> new TreeSet<>()).add(id);
    }

    int pathCount() {
      return paths.values().stream().mapToInt(List::size).sum();
    }

    /** The first differences, for assertion messages. */
    String diff(Routes other) {
      StringBuilder sb = new StringBuilder();
      TreeSet<String> keys = new TreeSet<>(paths.keySet());
      keys.addAll(other.paths.keySet());
      int n = 0;
      for (String k : keys) {
        List<String> a = paths.getOrDefault(k, List.of());
        List<String> b = other.paths.getOrDefault(k, List.of());
        if (!a.equals(b) && n++ < 10) sb.append(k).append(": expected ").append(a).append(" got ").append(b).append('\n');
      }
      return n == 0 ? "" : n + " prefixes differ, e.g.\n" + sb;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Routes r && r.paths.equals(paths);
    }

    @Override
    public int hashCode() {
      return paths.hashCode();
    }

    @Override
    public String toString() {
      return paths.size() + " prefixes, " + pathCount() + " paths";
    }
  }
}
