package io.routemill.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.archiver.archive.ArchiveSettings;
import io.routemill.collector.station.StationLimits;
import io.routemill.publisher.http.HttpLimits;
import io.routemill.wire.bgp.Prefix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every section's defaults: what an empty file gives, and that they are the documented values. */
class RoutemillConfigTest {
  @Test
  void anEmptyFileGivesEverySectionsDefaults() throws Exception {
    RoutemillConfig c = ConfigLoader.fromYaml("t.yaml", "");
    assertEquals(BmpConfig.DEFAULTS, c.bmp());
    assertEquals(HttpConfig.DEFAULTS, c.http());
    assertEquals(BgpConfig.DEFAULTS, c.bgp());
    assertEquals(ArchiveConfig.DEFAULTS, c.archive());
    assertEquals(LoadConfig.DEFAULTS, c.load());
    assertEquals(RoutemillConfig.defaults(), c);
    assertEquals(c, ConfigLoader.fromYaml("t.yaml", "# only a comment\nbmp:\nhttp: {}\nbgp: {}\nload:\n"));
  }

  @Test
  void theDefaultsAreTheDocumentedValues() {
    assertEquals(11019, BmpConfig.DEFAULTS.port());
    assertEquals("0.0.0.0", BmpConfig.DEFAULTS.host());
    BmpConfig bmp = BmpConfig.DEFAULTS;
    assertEquals(1000, bmp.maxConnections());
    assertEquals(10, bmp.maxConnectionsPerAddress());
    assertEquals(Duration.ofSeconds(30), bmp.initiationTimeout());
    assertEquals(Duration.ofMinutes(10), bmp.idleTimeout());
    assertEquals(256L << 20, bmp.frameBudget());
    assertEquals("replace", bmp.duplicateRouter());
    assertEquals(List.of(), bmp.allow());
    assertEquals(StationLimits.DEFAULTS, bmp.toLimits());
    assertEquals(8080, HttpConfig.DEFAULTS.port());
    assertEquals("0.0.0.0", HttpConfig.DEFAULTS.host());
    assertEquals(Duration.ofSeconds(10), HttpConfig.DEFAULTS.headerTimeout());
    assertEquals(Duration.ofSeconds(60), HttpConfig.DEFAULTS.idleTimeout());
    assertEquals(1024, HttpConfig.DEFAULTS.maxConnections());
    assertEquals(HttpLimits.DEFAULTS, HttpConfig.DEFAULTS.limits());

    BgpConfig b = BgpConfig.DEFAULTS;
    assertEquals(1179, b.port());
    assertEquals("0.0.0.0", b.host());
    assertEquals(0, b.localAs());
    assertNull(b.routerId());
    assertEquals(90, b.holdTime());
    assertEquals(30, b.connectRetry());
    assertEquals(120, b.restartTime());
    assertEquals(360, b.staleTime());
    assertEquals(List.of(), b.neighbors());
    assertFalse(b.enabled());

    ArchiveConfig a = ArchiveConfig.DEFAULTS;
    assertFalse(a.enabled());
    assertEquals("./data/archive", a.uri());
    assertEquals(ArchiveSettings.defaultRoot(), a.rootUri());
    assertEquals("rm00", a.collector());
    assertEquals(Duration.ofMinutes(5), a.updatesInterval());
    assertEquals(Duration.ofHours(8), a.ribInterval());
    assertEquals(List.of("adj-in-pre", "bgp"), a.views());
    assertEquals(true, a.extendedTimestamps());

    assertEquals(List.of(), LoadConfig.DEFAULTS.files());
    assertNull(LoadConfig.DEFAULTS.routerName());
    assertFalse(LoadConfig.DEFAULTS.enabled());
  }

  @Test
  void everySectionIsReadTheSameWayFromTheFile() throws Exception {
    RoutemillConfig c = ConfigLoader.fromYaml("t.yaml", """
        bmp: {port: 1}
        http: {port: 2, host: 127.0.0.1}
        bgp: {port: 3, holdTime: 0}
        archive: {views: loc-rib}
        """);
    assertEquals(new BmpConfig(1), c.bmp());
    assertEquals(new HttpConfig(2, "127.0.0.1"), c.http());
    assertEquals(3, c.bgp().port());
    assertEquals(0, c.bgp().holdTime());
    assertEquals(List.of("loc-rib"), c.archive().views());
    assertEquals(LoadConfig.DEFAULTS, c.load());
  }

  @Test
  void theHttpLimitsAreReadAndChecked() throws Exception {
    HttpConfig h = ConfigLoader.fromYaml("t.yaml", "http: {headerTimeout: 5s, idleTimeout: 2m, maxConnections: 10}\n")
        .http();
    assertEquals(new HttpLimits(Duration.ofSeconds(5), Duration.ofMinutes(2), 10), h.limits());
    assertEquals(8080, h.port());
    for (String bad : List.of("http: {maxConnections: 0}", "http: {headerTimeout: 2d}", "http: {idleTimeout: 0s}",
        "http: {idleTimeout: 60}")) {
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("t.yaml", bad + "\n"), bad);
      String key = bad.substring(bad.indexOf('{') + 1, bad.indexOf(':', bad.indexOf('{')));
      assertTrue(e.getMessage().startsWith("t.yaml:1: http." + key + ": "), e.getMessage());
    }
  }

  @Test
  void theBmpStationsLimitsAreReadAndChecked() throws Exception {
    BmpConfig c = ConfigLoader.fromYaml("t.yaml", """
        bmp:
          maxConnections: 50
          maxConnectionsPerAddress: 2
          initiationTimeout: 5s
          idleTimeout: 1h
          frameBudget: 64MiB
          duplicateRouter: reject
          allow: [192.0.2.1, 198.51.100.7/24, "2001:db8::/32"]
        """).bmp();
    StationLimits l = c.toLimits();
    assertEquals(50, l.maxConnections());
    assertEquals(2, l.maxConnectionsPerAddress());
    assertEquals(Duration.ofSeconds(5), l.initiationTimeout());
    assertEquals(Duration.ofHours(1), l.idleTimeout());
    assertEquals(64L << 20, l.frameBudget());
    assertEquals(StationLimits.DuplicateRouter.REJECT, l.duplicateRouter());
    assertEquals(List.of(Prefix.parse("192.0.2.1/32"), Prefix.parse("198.51.100.0/24"), Prefix.parse("2001:db8::/32")),
        l.allow());
    assertEquals(268435456L, ConfigLoader.fromYaml("t.yaml", "bmp: {frameBudget: 268435456}").bmp().frameBudget());
    assertEquals(List.of(Prefix.parse("10.0.0.0/8")), ConfigLoader.fromYaml("t.yaml", "bmp: {allow: 10.0.0.0/8}").bmp()
        .toLimits().allow());
    for (String bad : List.of("bmp: {duplicateRouter: keep}", "bmp: {allow: [router.example.net]}",
        "bmp: {frameBudget: 12KiB}", "bmp: {frameBudget: lots}", "bmp: {idleTimeout: 10}", "bmp: {maxConnections: 0}")) {
      ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
          () -> ConfigLoader.fromYaml("t.yaml", bad), bad);
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("t.yaml:1: bmp."), e.getMessage());
    }
  }
}
