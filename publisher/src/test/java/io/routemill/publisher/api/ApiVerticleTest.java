package io.routemill.publisher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.query.CollectorQuery.ConsumerInfo;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.Match;
import io.routemill.collector.rib.RibView;
import io.routemill.collector.rib.RouteQuery;
import io.routemill.collector.rib.RouteRow;
import io.routemill.collector.rib.Source;
import io.routemill.collector.rib.TableKey;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.Attr04Med;
import io.routemill.wire.bgp.attr.Attr05LocalPref;
import io.routemill.wire.bgp.attr.Attr06AtomicAggregate;
import io.routemill.wire.bgp.attr.Attr07Aggregator;
import io.routemill.wire.bgp.attr.Attr08Communities;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr16ExtendedCommunities;
import io.routemill.wire.bgp.attr.Attr32LargeCommunities;
import io.routemill.wire.bgp.attr.Attr35OnlyToCustomer;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
class ApiVerticleTest {
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
  private static final Instant T1 = Instant.parse("2024-05-01T12:00:01.250Z");

  private static final TableKey PRE1 = new TableKey("192.0.2.254", Source.BMP, "10.0.0.1", 0, RibView.ADJ_IN_PRE);
  private static final TableKey POST2 = new TableKey("192.0.2.254", Source.BMP, "10.0.0.2", 0, RibView.ADJ_IN_POST);
  private static final TableKey LOC2 = new TableKey("192.0.2.254", Source.BMP, "10.0.0.2", 0, RibView.LOC_RIB);
  private static final TableKey BGP6 = new TableKey("192.0.2.254", Source.BGP, "2001:db8::1", 0, RibView.ADJ_IN_PRE);

  private static final RouteRow FULL = new RouteRow(PRE1, 64500, Prefix.parse("192.0.2.0/24"), 7,
      PathAttributes.of(new Attr01Origin(Attr01Origin.IGP),
          new Attr02AsPath(List.of(AsPathSegment.sequence(64500, 64501), AsPathSegment.set(64502, 64503))),
          new Attr03NextHop(new byte[] {10, 0, 0, 1}), new Attr04Med(20), new Attr05LocalPref(100),
          new Attr06AtomicAggregate(PathAttribute.WELL_KNOWN),
          new Attr07Aggregator(64501, new byte[] {(byte) 192, 0, 2, 1}),
          new Attr08Communities(new int[] {64500 << 16 | 1, 64500 << 16 | 2}),
          new Attr16ExtendedCommunities(new long[] {0x0002fbf400000001L}),
          new Attr32LargeCommunities(new int[] {64500, 1, 2}), new Attr35OnlyToCustomer(64500)),
      T1, false, Set.of());
  private static final RouteRow BARE = new RouteRow(PRE1, 64500, Prefix.parse("192.0.2.128/25"), Route.NO_PATH_ID,
      PathAttributes.of(new Attr01Origin(Attr01Origin.INCOMPLETE),
          new Attr02AsPath(List.of(AsPathSegment.sequence(64500))), new Attr03NextHop(new byte[] {10, 0, 0, 1})),
      T0, false, Set.of(Correction.OWN_AS_REMOVED));
  private static final RouteRow POST = new RouteRow(POST2, 64510, Prefix.parse("192.0.2.0/24"), Route.NO_PATH_ID,
      PathAttributes.of(new Attr01Origin(Attr01Origin.IGP), new Attr02AsPath(List.of(AsPathSegment.sequence(64510))),
          new Attr03NextHop(new byte[] {10, 0, 0, 2}), new Attr08Communities(new int[0])),
      T0, false, Set.of());
  private static final RouteRow SHORT = new RouteRow(LOC2, 64510, Prefix.parse("192.0.0.0/16"), Route.NO_PATH_ID,
      PathAttributes.of(new Attr01Origin(Attr01Origin.EGP), new Attr02AsPath(List.of(AsPathSegment.sequence(64510)))),
      T0, false, Set.of(Correction.MISSING_NEXT_HOP_KEPT, Correction.ADD_PATH_FLIPPED));
  private static final RouteRow V6 = new RouteRow(BGP6, 64520, Prefix.parse("2001:db8::/32"), Route.NO_PATH_ID,
      PathAttributes.of(new Attr01Origin(Attr01Origin.IGP), new Attr02AsPath(List.of(AsPathSegment.sequence(64520))),
          new Attr14MpReach(AfiSafi.IPV6_UNICAST, Prefix.parse("2001:db8::1/128").address(), List.of(), null)),
      T0, false, Set.of());
  private static final List<ConsumerInfo> CONSUMERS = List.of(
      new ConsumerInfo("archiver", 12, 50_000, 1_234_567, 2, 1, 350),
      new ConsumerInfo("live", 0, 10_000, 0, 0, 0, 0));

  private Vertx vertx;
  private FakeCollectorQuery query;
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Map<String, Long> messages = new LinkedHashMap<>();
    messages.put("route-monitoring", 12L);
    messages.put("peer-up", 2L);
    List<RouterInfo> routers = List.of(
        new RouterInfo("192.0.2.254", "rtr1", "Test router", T0, messages, Map.of("bad-header", 1L)),
        new RouterInfo("2001:db8::fe", null, null, T1, Map.of(), Map.of()));
    List<PeerInfo> peers = List.of(
        new PeerInfo("192.0.2.254", "10.0.0.1", 64500, "10.0.0.1", RibView.ADJ_IN_PRE, "bmp", "up", T0, 2, 0, 3, 0),
        new PeerInfo("192.0.2.254", "2001:db8::1", 4200000000L, null, RibView.LOC_RIB, "bmp", "down", null, 0, 1, 0, 1));
    query = new FakeCollectorQuery(routers, peers, List.of(FULL, BARE, POST, SHORT, V6), CONSUMERS);
    ApiVerticle api = new ApiVerticle(query, new ListenAddress("127.0.0.1", 0));
    vertx.deployVerticle(api).await(10, TimeUnit.SECONDS);
    port = api.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return request(HttpMethod.GET, uri);
  }

  private HttpResponse<Buffer> request(HttpMethod method, String uri) throws Exception {
    HttpResponse<Buffer> r = client.request(method, port, "127.0.0.1", uri).send().await(10, TimeUnit.SECONDS);
    assertEquals("application/json; charset=utf-8", r.getHeader("content-type"), uri);
    return r;
  }

  private JsonObject ok(String uri) throws Exception {
    HttpResponse<Buffer> r = get(uri);
    assertEquals(200, r.statusCode(), () -> uri + ": " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private JsonObject error(String uri, int status) throws Exception {
    return error(HttpMethod.GET, uri, status);
  }

  private JsonObject error(HttpMethod method, String uri, int status) throws Exception {
    HttpResponse<Buffer> r = request(method, uri);
    assertEquals(status, r.statusCode(), () -> uri + ": " + r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(1, body.size(), body::encode);
    JsonObject e = body.getJsonObject("error");
    assertEquals(status, e.getInteger("status"));
    assertFalse(e.getString("message").isBlank());
    assertTrue(e.containsKey("parameter"), "parameter is always present, null when not about one");
    assertEquals(3, e.size(), e::encode);
    return e;
  }

  private static List<String> prefixes(JsonObject page) {
    List<String> out = new ArrayList<>();
    for (Object o : page.getJsonArray("routes")) out.add(((JsonObject) o).getString("prefix"));
    return out;
  }

  @Test
  void routers() throws Exception {
    JsonArray routers = ok("/api/v1/routers").getJsonArray("routers");
    assertEquals(2, routers.size());
    assertEquals(new JsonObject("""
        {"address":"192.0.2.254","sysName":"rtr1","sysDescr":"Test router","connectedSince":"2024-05-01T12:00:00Z",
         "messages":{"route-monitoring":12,"peer-up":2},"errors":{"bad-header":1}}"""), routers.getJsonObject(0));
    JsonObject second = routers.getJsonObject(1);
    assertTrue(second.containsKey("sysName"));
    assertNull(second.getValue("sysName"));
    assertNull(second.getValue("sysDescr"));
    assertEquals("2024-05-01T12:00:01.250Z", second.getString("connectedSince"));
    assertFalse(query.calledOnEventLoop, "queries run on the worker pool");
  }

  @Test
  void peers() throws Exception {
    JsonArray peers = ok("/api/v1/peers").getJsonArray("peers");
    assertEquals(new JsonObject("""
        {"router":"192.0.2.254","address":"10.0.0.1","asn":64500,"bgpId":"10.0.0.1","rib":"adj-in-pre","source":"bmp",
         "state":"up","upSince":"2024-05-01T12:00:00Z","prefixes":{"ipv4":2,"ipv6":0},"paths":{"ipv4":3,"ipv6":0}}"""),
        peers.getJsonObject(0));
    JsonObject down = peers.getJsonObject(1);
    assertEquals(4200000000L, down.getLong("asn"));
    assertEquals("loc-rib", down.getString("rib"));
    assertTrue(down.containsKey("upSince"));
    assertNull(down.getValue("upSince"));
    assertNull(down.getValue("bgpId"));
    assertEquals(new JsonObject("{\"ipv4\":0,\"ipv6\":1}"), down.getJsonObject("prefixes"));
  }

  @Test
  void exactRouteWithEveryAttribute() throws Exception {
    JsonObject page = ok("/api/v1/routes?prefix=192.0.2.0/24&peer=10.0.0.1");
    assertNull(page.getValue("next"));
    assertTrue(page.containsKey("next"));
    assertEquals(new JsonObject("""
        {"router":"192.0.2.254","source":"bmp","peer":{"address":"10.0.0.1","asn":64500},"rib":"adj-in-pre",
         "prefix":"192.0.2.0/24","pathId":7,"asPath":"64500 64501 {64502,64503}","origin":"IGP","nextHop":"10.0.0.1",
         "localPref":100,"med":20,"communities":["64500:1","64500:2"],"largeCommunities":["64500:1:2"],
         "extCommunities":["0002fbf400000001"],"atomicAggregate":true,"aggregator":"64501 192.0.2.1","otc":64500,
         "receivedAt":"2024-05-01T12:00:01.250Z","originAs":null,"corrections":[]}"""),
        page.getJsonArray("routes").getJsonObject(0));
    assertEquals(List.of("router", "source", "peer", "rib", "prefix", "pathId", "asPath", "origin", "nextHop",
        "localPref", "med", "communities", "largeCommunities", "extCommunities", "atomicAggregate", "aggregator", "otc",
        "receivedAt", "originAs", "corrections"),
        new ArrayList<>(page.getJsonArray("routes").getJsonObject(0).fieldNames()), "the fields in their order");
    RouteQuery q = query.lastQuery.get();
    assertEquals(Match.EXACT, q.match(), "a prefix with a length defaults to exact");
    assertEquals(QueryParams.DEFAULT_LIMIT, q.limit());
    assertNull(q.rib());
    assertNull(q.cursor());
  }

  @Test
  void absentValuesAreJsonNull() throws Exception {
    JsonObject route = ok("/api/v1/routes?prefix=192.0.2.128/25").getJsonArray("routes").getJsonObject(0);
    for (String key : List.of("pathId", "localPref", "med", "aggregator", "otc")) {
      assertTrue(route.containsKey(key), key + " must be present");
      assertNull(route.getValue(key), key + " must be null");
    }
    for (String key : List.of("communities", "largeCommunities", "extCommunities")) {
      assertEquals(new JsonArray(), route.getJsonArray(key), key + ": an absent attribute is an empty list");
    }
    assertEquals(20, route.size(), "every field, always");
    assertFalse(route.getBoolean("atomicAggregate"));
    assertEquals("64500", route.getString("asPath"));
    assertEquals("INCOMPLETE", route.getString("origin"));
    assertEquals(64500L, route.getLong("originAs"));
    assertEquals(new JsonArray().add("own-as-removed"), route.getJsonArray("corrections"));
    JsonObject post = ok("/api/v1/routes?prefix=192.0.2.0/24&rib=adj-in-post").getJsonArray("routes").getJsonObject(0);
    assertEquals(new JsonArray(), post.getJsonArray("communities"), "empty list stays a list");
    assertEquals("adj-in-post", post.getString("rib"));
  }

  @Test
  void originNextHopAndCorrectionsOfOtherRoutes() throws Exception {
    JsonObject loc = ok("/api/v1/routes?prefix=192.0.0.0/16").getJsonArray("routes").getJsonObject(0);
    assertEquals("EGP", loc.getString("origin"));
    assertTrue(loc.containsKey("nextHop"));
    assertNull(loc.getValue("nextHop"), "no next hop at all");
    assertEquals(new JsonArray().add("add-path-flipped").add("missing-next-hop-kept"), loc.getJsonArray("corrections"),
        "labels in declaration order");
    JsonObject v6 = ok("/api/v1/routes?prefix=2001:db8::/32").getJsonArray("routes").getJsonObject(0);
    assertEquals("2001:db8::1", v6.getString("nextHop"), "MP_REACH_NLRI's next hop");
    assertEquals("bgp", v6.getString("source"));
    assertEquals(64520L, v6.getLong("originAs"));
  }

  @Test
  void consumers() throws Exception {
    assertEquals(new JsonObject("""
        {"consumers":[
          {"name":"archiver","queued":12,"capacity":50000,"delivered":1234567,"failures":2,"pausedProducers":1,
           "oldestQueuedMillis":350},
          {"name":"live","queued":0,"capacity":10000,"delivered":0,"failures":0,"pausedProducers":0,
           "oldestQueuedMillis":0}]}"""), ok("/api/v1/consumers"));
    assertFalse(query.calledOnEventLoop, "queries run on the worker pool");
    assertEquals("verbose", error("/api/v1/consumers?verbose=1", 400).getString("parameter"));
    error(HttpMethod.POST, "/api/v1/consumers", 405);
  }

  @Test
  void theWebPageIsServedAtTheRoot() throws Exception {
    HttpResponse<Buffer> index = client.get(port, "127.0.0.1", "/").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, index.statusCode());
    assertTrue(index.getHeader("content-type").startsWith("text/html"), index.getHeader("content-type"));
    assertTrue(index.bodyAsString().contains("routemill"));
    HttpResponse<Buffer> page = client.get(port, "127.0.0.1", "/index.html").send().await(10, TimeUnit.SECONDS);
    assertEquals(index.bodyAsString(), page.bodyAsString());
    HttpResponse<Buffer> css = client.get(port, "127.0.0.1", "/routemill.css").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, css.statusCode());
    assertTrue(css.getHeader("content-type").startsWith("text/css"), css.getHeader("content-type"));
    // what the page does not have, and the API's own paths, stay JSON errors
    assertTrue(error("/nothing.html", 404).getString("message").contains("/nothing.html"));
    error("/api", 404);
    error("/api/index.html", 404);
    error("/api/v1/routemill.css", 404);
    error("/../pom.xml", 404);
  }

  @Test
  void bareAddressMeansLongestMatchOnAHostPrefix() throws Exception {
    assertEquals(List.of("192.0.2.128/25"), prefixes(ok("/api/v1/routes?prefix=192.0.2.200")));
    RouteQuery q = query.lastQuery.get();
    assertEquals(Match.LONGEST, q.match());
    assertEquals(Prefix.parse("192.0.2.200/32"), q.prefix());

    assertEquals(List.of("192.0.2.0/24", "192.0.2.0/24"), prefixes(ok("/api/v1/routes?prefix=192.0.2.5&match=longest")));
    assertEquals(List.of("2001:db8::/32"), prefixes(ok("/api/v1/routes?prefix=2001:db8:1::1")));
    assertEquals(Prefix.parse("2001:db8:1::1/128"), query.lastQuery.get().prefix());
    assertEquals(List.of("192.0.2.0/24", "192.0.2.0/24"),
        prefixes(ok("/api/v1/routes?prefix=192.0.2.0/24&match=longest")));
  }

  @Test
  void moreAndLessSpecifics() throws Exception {
    assertEquals(List.of("192.0.0.0/16", "192.0.2.0/24", "192.0.2.0/24", "192.0.2.128/25"),
        prefixes(ok("/api/v1/routes?prefix=192.0.0.0/8&match=more")));
    assertEquals(List.of("192.0.0.0/16", "192.0.2.0/24", "192.0.2.0/24"),
        prefixes(ok("/api/v1/routes?prefix=192.0.2.0/24&match=less")));
    assertEquals(List.of(), prefixes(ok("/api/v1/routes?prefix=198.51.100.0/24&match=less")));
  }

  @Test
  void peerAndRibFilters() throws Exception {
    assertEquals(List.of("2001:db8::/32"), prefixes(ok("/api/v1/routes?prefix=::/0&match=more&peer=2001:DB8:0:0::1")));
    assertEquals("2001:db8::1", query.lastQuery.get().peer(), "peer is passed in canonical form");
    assertEquals(List.of("192.0.0.0/16"), prefixes(ok("/api/v1/routes?prefix=0.0.0.0/0&match=more&rib=loc-rib")));
    assertEquals(RibView.LOC_RIB, query.lastQuery.get().rib());
  }

  @Test
  void pagination() throws Exception {
    List<String> all = prefixes(ok("/api/v1/routes?prefix=192.0.0.0/8&match=more"));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = ok("/api/v1/routes?prefix=192.0.0.0/8&match=more&limit=3"
          + (cursor == null ? "" : "&cursor=" + cursor));
      assertTrue(page.getJsonArray("routes").size() <= 3);
      paged.addAll(prefixes(page));
      cursor = page.getString("next");
      pages++;
    } while (cursor != null);
    assertEquals(2, pages);
    assertEquals(all, paged);
    assertEquals(3, query.lastQuery.get().limit());
    assertNotNull(ok("/api/v1/routes?prefix=0.0.0.0/0&match=more&limit=1").getString("next"));
    assertEquals(4, ok("/api/v1/routes?prefix=0.0.0.0/0&match=more&limit=10000").getJsonArray("routes").size());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/v1/routes                                          | prefix",
      "/api/v1/routes?prefix=                                  | prefix",
      "/api/v1/routes?prefix=banana                            | prefix",
      "/api/v1/routes?prefix=example.com/24                    | prefix",
      "/api/v1/routes?prefix=192.0.2.0/33                      | prefix",
      "/api/v1/routes?prefix=192.0.2.0/-1                      | prefix",
      "/api/v1/routes?prefix=192.0.2.0/                        | prefix",
      "/api/v1/routes?prefix=256.0.2.0/24                      | prefix",
      "/api/v1/routes?prefix=2001:db8::/129                    | prefix",
      "/api/v1/routes?prefix=192.0.2.1/24                      | prefix",
      "/api/v1/routes?prefix=192.0.2.1&match=exact             | prefix",
      "/api/v1/routes?prefix=192.0.2.0/24&match=best           | match",
      "/api/v1/routes?prefix=192.0.2.0/24&match=EXACT          | match",
      "/api/v1/routes?prefix=192.0.2.0/24&peer=router1         | peer",
      "/api/v1/routes?prefix=192.0.2.0/24&peer=10.0.0          | peer",
      "/api/v1/routes?prefix=192.0.2.0/24&rib=adj-rib-in       | rib",
      "/api/v1/routes?prefix=192.0.2.0/24&limit=0              | limit",
      "/api/v1/routes?prefix=192.0.2.0/24&limit=10001          | limit",
      "/api/v1/routes?prefix=192.0.2.0/24&limit=-5             | limit",
      "/api/v1/routes?prefix=192.0.2.0/24&limit=ten            | limit",
      "/api/v1/routes?prefix=192.0.2.0/24&limit=99999999999999 | limit",
      "/api/v1/routes?prefix=192.0.2.0/24&cursor=              | cursor",
      "/api/v1/routes?prefix=192.0.2.0/24&limt=5               | limt",
      "/api/v1/routes?prefix=192.0.2.0/24&prefix=10.0.0.0/8    | prefix",
      "/api/v1/routers?verbose=1                               | verbose",
      "/api/v1/peers?router=192.0.2.254                        | router",
  })
  void badParameters(String uri, String parameter) throws Exception {
    JsonObject e = error(uri, 400);
    assertEquals(parameter, e.getString("parameter"), e::encode);
  }

  @Test
  void badParameterMessagesSayWhatIsWrong() throws Exception {
    assertTrue(error("/api/v1/routes?prefix=192.0.2.1/24", 400).getString("message").contains("192.0.2.0/24"));
    assertTrue(error("/api/v1/routes?prefix=192.0.2.0/24&rib=x", 400).getString("message").contains("loc-rib"));
    assertTrue(error("/api/v1/routes?prefix=192.0.2.0/24&limit=10001", 400).getString("message").contains("10000"));
  }

  @Test
  void cursorTheCollectorRejectsIs400() throws Exception {
    JsonObject e = error("/api/v1/routes?prefix=192.0.2.0/24&cursor=garbage", 400);
    assertTrue(e.getString("message").contains("garbage"));
    assertNull(e.getValue("parameter"));
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws Exception {
    JsonObject e = error("/api/v1/nothing", 404);
    assertTrue(e.getString("message").contains("/api/v1/nothing"));
    assertNull(e.getValue("parameter"));
    error("/api/v2/routes?prefix=192.0.2.0/24", 404);
    error(HttpMethod.POST, "/api/v1/routers", 405);
  }

  @Test
  void handlerFailuresAre500() throws Exception {
    query.explode = true;
    JsonObject e = error("/api/v1/peers", 500);
    assertFalse(e.getString("message").contains("fire"), "internals stay in the log");
    error("/api/v1/routes?prefix=192.0.2.0/24", 500);
  }

  @Test
  void tooManyQueriesInFlightIs503() throws Exception {
    ApiVerticle small = new ApiVerticle(query, new ListenAddress("127.0.0.1", 0), 1, 1);
    vertx.deployVerticle(small).await(10, TimeUnit.SECONDS);
    query.gate = new java.util.concurrent.CountDownLatch(1);
    var first = client.get(small.actualPort(), "127.0.0.1", "/api/v1/routers").send();
    for (int i = 0; i < 100 && query.waiting.get() == 0; i++) Thread.sleep(20);
    HttpResponse<Buffer> second = client.get(small.actualPort(), "127.0.0.1", "/api/v1/peers").send()
        .await(10, TimeUnit.SECONDS);
    assertEquals(503, second.statusCode(), second.bodyAsString());
    assertEquals(503, second.bodyAsJsonObject().getJsonObject("error").getInteger("status"));
    query.gate.countDown();
    assertEquals(200, first.await(10, TimeUnit.SECONDS).statusCode());
    query.gate = null;
  }
}
