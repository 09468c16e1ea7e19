package io.routemill.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.routemill.wire.bgp.Prefix;
import io.routemill.collector.query.CollectorQuery;
import io.routemill.collector.rib.Match;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.rib.RouteRow;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.Rib;
import io.routemill.collector.station.BmpStation;
import io.routemill.app.Service;
import io.routemill.app.ServiceAssembly;
import io.routemill.app.config.ConfigLoader;
import io.routemill.collector.event.RouteEvent;
import io.routemill.collector.stream.Subscriber;
import io.routemill.publisher.api.RouteJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * routemill in-process for the interop tests: a RIB, the BMP station on 127.0.0.1 (free port) and the publisher
 * {@link Service} with its HTTP API on 127.0.0.1 (free port), wired like {@code routemill run}. Views can be read
 * through the {@link CollectorQuery} or through the real HTTP API.
 */
final class Routemill implements AutoCloseable {
  final Rib rib;
  final BmpStation station;
  final CollectorQuery query;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ServiceAssembly.Parts parts;
  private final Service service;

  private Routemill(ServiceAssembly.Parts parts) {
    this.parts = parts;
    this.rib = parts.rib();
    this.station = parts.station();
    this.query = parts.query();
    this.service = parts.service();
  }

  static Routemill start() throws Exception {
    return start("", List.of());
  }

  /**
   * With more YAML (an {@code archive:} section, say) and more consumers of the event stream (a recorder), each
   * with its own queue as in {@code routemill run}.
   */
  static Routemill start(String extraYaml, List<Subscriber<RouteEvent>> consumers) throws Exception {
    String yaml = """
        bmp:
          host: 127.0.0.1
          port: 0
        http:
          host: 127.0.0.1
          port: 0
        """ + extraYaml;
    Routemill r = new Routemill(ServiceAssembly.build(ConfigLoader.fromYaml("routemill.yaml", yaml),
        Clock.systemUTC(), consumers));
    r.service.start();
    return r;
  }

  int bmpPort() {
    return station.port();
  }

  int httpPort() {
    return service.httpPort();
  }

  @Override
  public void close() {
    if (service != null) service.close();
  }

  // ---- through the query interface ----

  /** Every route of one peer's view (both families), read through {@link CollectorQuery#routes}. */
  RouteTable table(String peer, RibView view) {
    RouteTable t = new RouteTable();
    for (String root : new String[] {"0.0.0.0/0", "::/0"}) {
      String cursor = null;
      do {
        RoutePage page = query.routes(new RouteQuery(Prefix.parse(root), Match.MORE, peer, view, 10_000, cursor));
        for (RouteRow r : page.routes()) {
          if (r.rib() != view) throw new AssertionError("query for " + view + " returned " + r);
          JsonObject j = RouteJson.route(r); // the text the API prints for the typed row
          t.add(r.prefix().toString(), r.hasPathId() ? r.pathId() : RouteTable.NO_ID,
              new RouteTable.Attrs(j.getString("asPath"), j.getString("origin"), j.getString("nextHop"),
                  j.getLong("med"), j.getLong("localPref"), strings(j.getJsonArray("communities")),
                  strings(j.getJsonArray("largeCommunities"))));
        }
        cursor = page.next();
      } while (cursor != null);
    }
    return t;
  }

  RouterInfo router(String address) {
    for (RouterInfo r : query.routers()) if (r.address().equals(address)) return r;
    return null;
  }

  List<PeerInfo> peers(String address) {
    List<PeerInfo> out = new ArrayList<>();
    for (PeerInfo p : query.peers()) if (p.address().equals(address)) out.add(p);
    return out;
  }

  // ---- through the HTTP API ----

  JsonObject get(String pathAndQuery) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort()
          + pathAndQuery)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), () -> "GET " + pathAndQuery + ": " + r.body());
      return new JsonObject(r.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Every route of one peer's view, read page by page from {@code GET /api/v1/routes}. */
  RouteTable httpTable(String peer, RibView view) {
    RouteTable t = new RouteTable();
    for (String root : new String[] {"0.0.0.0/0", "::/0"}) {
      String cursor = null;
      do {
        String q = "/api/v1/routes?prefix=" + enc(root) + "&match=more&rib=" + view.label() + "&limit=10000"
            + (peer == null ? "" : "&peer=" + enc(peer)) + (cursor == null ? "" : "&cursor=" + enc(cursor));
        JsonObject page = get(q);
        JsonArray routes = page.getJsonArray("routes");
        for (int i = 0; i < routes.size(); i++) {
          JsonObject r = routes.getJsonObject(i);
          if (!view.label().equals(r.getString("rib"))) throw new AssertionError("GET " + q + " returned " + r);
          Long id = r.getLong("pathId");
          t.add(r.getString("prefix"), id == null ? RouteTable.NO_ID : id,
              new RouteTable.Attrs(r.getString("asPath"), r.getString("origin"), r.getString("nextHop"),
                  r.getLong("med"), r.getLong("localPref"), strings(r.getJsonArray("communities")),
                  strings(r.getJsonArray("largeCommunities"))));
        }
        cursor = page.getString("next");
      } while (cursor != null);
    }
    return t;
  }

  /** {@code GET /api/v1/peers}, the entries for one peer address. */
  List<JsonObject> httpPeers(String address) {
    List<JsonObject> out = new ArrayList<>();
    JsonArray peers = get("/api/v1/peers").getJsonArray("peers");
    for (int i = 0; i < peers.size(); i++) {
      JsonObject p = peers.getJsonObject(i);
      if (address.equals(p.getString("address"))) out.add(p);
    }
    return out;
  }

  /** {@code GET /api/v1/routers}, the entry for one router address, or null. */
  JsonObject httpRouter(String address) {
    JsonArray routers = get("/api/v1/routers").getJsonArray("routers");
    for (int i = 0; i < routers.size(); i++) {
      if (address.equals(routers.getJsonObject(i).getString("address"))) return routers.getJsonObject(i);
    }
    return null;
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) for (int i = 0; i < a.size(); i++) out.add(a.getString(i));
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A progress line for an interop scenario, with the seconds since {@code t0} (System.nanoTime()). */
  static void log(String scenario, String what, long t0) {
    System.out.printf("[%s %5.1f s] %s%n", scenario, (System.nanoTime() - t0) / 1e9, what);
  }
}
