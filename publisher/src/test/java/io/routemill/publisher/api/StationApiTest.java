package io.routemill.publisher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.routemill.collector.query.CollectorQuery.RefusedConnection;
import io.routemill.collector.query.CollectorQuery.StationInfo;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/station}: the BMP station's open connections, refusals by reason and the latest refusals. */
@ExtendWith(VertxExtension.class)
class StationApiTest {
  @Test
  void stationShowsConnectionsAndRefusals(Vertx vertx) throws Exception {
    FakeCollectorQuery query = new FakeCollectorQuery(List.of(), List.of(), List.of(), List.of());
    query.station = new StationInfo(3, Map.of("frame-budget", 32L, "framing-error", 1L), List.of(
        new RefusedConnection("192.0.2.7", 40001, "framing-error", "at byte 42: BMP version 4, expected 3",
            Instant.parse("2024-05-01T12:00:01.250Z")),
        new RefusedConnection("2001:db8::9", 40000, "frame-budget", "held 1048575 bytes",
            Instant.parse("2024-05-01T12:00:00Z"))));
    ApiVerticle api = new ApiVerticle(query, new ListenAddress("127.0.0.1", 0));
    vertx.deployVerticle(api).await(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> r = client.get(api.actualPort(), "127.0.0.1", "/api/v1/station").send()
          .await(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      assertEquals(new JsonObject("""
          {"connections":{"open":3,"refused":{"frame-budget":32,"framing-error":1}},
           "recent":[
            {"address":"192.0.2.7","port":40001,"reason":"framing-error","detail":"at byte 42: BMP version 4, expected 3",
             "at":"2024-05-01T12:00:01.250Z"},
            {"address":"2001:db8::9","port":40000,"reason":"frame-budget","detail":"held 1048575 bytes",
             "at":"2024-05-01T12:00:00Z"}]}"""), r.bodyAsJsonObject());
      assertEquals("{\"connections\":{\"open\":0,\"refused\":{}},\"recent\":[]}",
          ApiJson.station(StationInfo.NONE).toString());
    } finally {
      client.close();
    }
  }
}
