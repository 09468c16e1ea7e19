package io.routemill.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.app.config.ArchiveConfig;
import io.routemill.app.config.ConfigException;
import io.routemill.app.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveConfigTest {
  @Test
  void absentSectionMeansNoArchiving() throws Exception {
    assertFalse(ConfigLoader.fromYaml("t.yaml", "http:\n  port: 0\n").archive().enabled());
    assertEquals(ArchiveConfig.DEFAULTS, ConfigLoader.fromYaml("t.yaml", "").archive());
  }

  @Test
  void emptySectionArchivesWithTheDefaults() throws Exception {
    ArchiveConfig a = ConfigLoader.fromYaml("t.yaml", "archive: {}\n").archive();
    assertTrue(a.enabled());
    assertEquals(Path.of("data/archive").toAbsolutePath().normalize().toUri(), a.rootUri());
    assertEquals("rm00", a.collector());
    assertEquals(Duration.ofMinutes(5), a.updatesInterval());
    assertEquals(Duration.ofHours(8), a.ribInterval());
    assertEquals(List.of("adj-in-pre", "bgp"), a.views());
    assertTrue(a.extendedTimestamps());
    assertEquals(6, a.gzipLevel());
    assertEquals(6, a.toSettings().gzipLevel());
  }

  @Test
  void everyKey() throws Exception {
    ArchiveConfig a = ConfigLoader.fromYaml("t.yaml", "archive:\n  uri: hdfs://nn:8020/routemill\n  collector: rm07\n"
        + "  updatesInterval: 30s\n  ribInterval: 2h\n  views: [loc-rib, adj-in-post]\n  extendedTimestamps: false\n"
        + "  gzipLevel: 1\n").archive();
    assertEquals(URI.create("hdfs://nn:8020/routemill"), a.rootUri());
    assertEquals("rm07", a.collector());
    assertEquals(Duration.ofSeconds(30), a.updatesInterval());
    assertEquals(Duration.ofHours(2), a.ribInterval());
    assertEquals(List.of("loc-rib", "adj-in-post"), a.views());
    assertFalse(a.extendedTimestamps());
    assertEquals(1, a.toSettings().gzipLevel());
    assertEquals(List.of("bgp"), ConfigLoader.fromYaml("t.yaml", "archive:\n  views: bgp\n").archive().views());
    assertFalse(ConfigLoader.fromYaml("t.yaml", "archive:\n  enabled: false\n").archive().enabled());
  }

  @Test
  void mistakesAreReported() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.fromYaml("t.yaml", "archive:\n  views: [adj-in-pre, locrib]\n"));
    assertTrue(e.getMessage().contains("locrib"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("t.yaml", "archive:\n  updatesInterval: 5 minutes\n"));
    assertTrue(e.getMessage().contains("updatesInterval"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("t.yaml", "archive:\n  gzipLevel: 10\n"));
    assertTrue(e.getMessage().contains("gzipLevel"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("t.yaml", "archive:\n  ribIntervall: 8h\n"));
    assertTrue(e.getMessage().contains("did you mean 'ribInterval'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("t.yaml", "archive:\n  views: [1, 2]\n"));
    assertTrue(e.getMessage().contains("archive.views"), e.getMessage());
  }
}
