package io.routemill.publisher.api;

import io.routemill.collector.query.CollectorQuery.ConsumerInfo;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RefusedConnection;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.query.CollectorQuery.StationInfo;
import io.routemill.collector.rib.RoutePage;
import io.routemill.collector.rib.RouteRow;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON shapes, in one place. Absent values are JSON null (never a missing key), times are
 * ISO-8601 UTC strings ({@code 2024-05-01T12:00:00Z}), RIB views their labels ({@code adj-in-pre}).
 */
public final class ApiJson {
  private ApiJson() {}

  public static Buffer routers(List<RouterInfo> routers) {
    JsonArray a = new JsonArray();
    for (RouterInfo r : routers) {
      a.add(new JsonObject()
          .put("address", r.address())
          .put("sysName", r.sysName())
          .put("sysDescr", r.sysDescr())
          .put("connectedSince", time(r.connectedSince()))
          .put("messages", counters(r.messages()))
          .put("errors", counters(r.errors())));
    }
    return new JsonObject().put("routers", a).toBuffer();
  }

  public static Buffer peers(List<PeerInfo> peers) {
    JsonArray a = new JsonArray();
    for (PeerInfo p : peers) {
      JsonObject peer = new JsonObject()
          .put("router", p.router())
          .put("address", p.address())
          .put("asn", p.asn())
          .put("bgpId", p.bgpId())
          .put("rib", p.rib() == null ? null : p.rib().label())
          .put("source", p.source())
          .put("state", p.state())
          .put("upSince", time(p.upSince()))
          .put("prefixes", new JsonObject().put("ipv4", p.prefixesIpv4()).put("ipv6", p.prefixesIpv6()))
          .put("paths", new JsonObject().put("ipv4", p.pathsIpv4()).put("ipv6", p.pathsIpv6()));
      if ("bgp".equals(p.source())) {
        // direct BGP sessions only (BMP peers keep their shape): configured description, negotiated capabilities
        // while Established, last NOTIFICATION sent/received or other error
        peer.put("description", p.description())
            .put("capabilities", p.capabilities() == null ? null : new JsonArray(List.copyOf(p.capabilities())))
            .put("lastError", p.lastError());
      }
      a.add(peer);
    }
    return new JsonObject().put("peers", a).toBuffer();
  }

  /** A page of routes; each route's JSON is {@link RouteJson}'s. */
  public static Buffer routes(RoutePage page) {
    JsonArray a = new JsonArray();
    for (RouteRow r : page.routes()) a.add(RouteJson.route(r));
    return new JsonObject().put("routes", a).put("next", page.next()).toBuffer();
  }

  public static Buffer consumers(List<ConsumerInfo> consumers) {
    JsonArray a = new JsonArray();
    for (ConsumerInfo c : consumers) {
      a.add(new JsonObject()
          .put("name", c.name())
          .put("queued", c.queued())
          .put("capacity", c.capacity())
          .put("delivered", c.delivered())
          .put("failures", c.failures())
          .put("pausedProducers", c.pausedProducers())
          .put("oldestQueuedMillis", c.oldestQueuedMillis()));
    }
    return new JsonObject().put("consumers", a).toBuffer();
  }

  /** The BMP station's connections: open now, refusals by reason, the latest refusals (newest first). */
  public static Buffer station(StationInfo s) {
    JsonArray recent = new JsonArray();
    for (RefusedConnection r : s.recent()) {
      recent.add(new JsonObject().put("address", r.address()).put("port", r.port()).put("reason", r.reason())
          .put("detail", r.detail()).put("at", time(r.at())));
    }
    return new JsonObject()
        .put("connections", new JsonObject().put("open", s.openConnections()).put("refused", counters(s.refused())))
        .put("recent", recent).toBuffer();
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  private static JsonObject counters(Map<String, Long> counters) {
    return counters == null ? null : new JsonObject(new LinkedHashMap<String, Object>(counters));
  }
}
