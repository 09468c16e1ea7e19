package io.routemill.publisher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.Prefix;
import io.routemill.collector.query.CollectorQuery.Match;
import io.routemill.collector.query.CollectorQuery.PeerInfo;
import io.routemill.collector.query.CollectorQuery.RouteInfo;
import io.routemill.collector.query.CollectorQuery.RouteQuery;
import io.routemill.collector.query.CollectorQuery.RouterInfo;
import io.routemill.collector.rib.RibView;
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

  private static final RouteInfo FULL = new RouteInfo("192.0.2.254", "bmp", "10.0.0.1", 64500, RibView.ADJ_IN_PRE,
      Prefix.parse("192.0.2.0/24"), 7L, "64500 64501 {64502,64503}", "IGP", "10.0.0.1", 100L, 20L,
      List.of("64500:1", "64500:2"), List.of("64500:1:2"), List.of("0002fbf400000001"), true, "64501 192.0.2.1",
      64500L, T1);
  private static final RouteInfo BARE = new RouteInfo("192.0.2.254", "bmp", "10.0.0.1", 64500, RibView.ADJ_IN_PRE,
      Prefix.parse("192.0.2.128/25"), null, "64500", "INCOMPLETE", "10.0.0.1", null, null, null, null, null, false,
      null, null, T0);
  private static final RouteInfo POST = new RouteInfo("192.0.2.254", "bmp", "10.0.0.2", 64510, RibView.ADJ_IN_POST,
      Prefix.parse("192.0.2.0/24"), null, "64510", "IGP", "10.0.0.2", null, null, List.of(), null, null, false, null,
      null, T0);
  private static final RouteInfo SHORT = new RouteInfo("192.0.2.254", "bmp", "10.0.0.2", 64510, RibView.LOC_RIB,
      Prefix.parse("192.0.0.0/16"), null, "64510", "EGP", "10.0.0.2", null, null, null, null, null, false, null,
      null, T0);
  private static final RouteInfo V6 = new RouteInfo("192.0.2.254", "bgp", "2001:db8::1", 64520, RibView.ADJ_IN_PRE,
      Prefix.parse("2001:db8::/32"), null, "64520", "IGP", "2001:db8::1", null, null, null, null, null, false, null,
      null, T0);

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
    query = new FakeCollectorQuery(routers, peers, List.of(FULL, BARE, POST, SHORT, V6));
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
         "receivedAt":"2024-05-01T12:00:01.250Z"}"""), page.getJsonArray("routes").getJsonObject(0));
    RouteQuery q = query.lastQuery.get();
    assertEquals(Match.EXACT, q.match(), "a prefix with a length defaults to exact");
    assertEquals(QueryParams.DEFAULT_LIMIT, q.limit());
    assertNull(q.rib());
    assertNull(q.cursor());
  }

  @Test
  void absentValuesAreJsonNull() throws Exception {
    JsonObject route = ok("/api/v1/routes?prefix=192.0.2.128/25").getJsonArray("routes").getJsonObject(0);
    for (String key : List.of("pathId", "localPref", "med", "communities", "largeCommunities", "extCommunities",
        "aggregator", "otc")) {
      assertTrue(route.containsKey(key), key + " must be present");
      assertNull(route.getValue(key), key + " must be null");
    }
    assertEquals(18, route.size(), "every field, always");
    assertFalse(route.getBoolean("atomicAggregate"));
    JsonObject post = ok("/api/v1/routes?prefix=192.0.2.0/24&rib=adj-in-post").getJsonArray("routes").getJsonObject(0);
    assertEquals(new JsonArray(), post.getJsonArray("communities"), "empty list stays a list");
    assertEquals("adj-in-post", post.getString("rib"));
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
    error("/", 404);
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
