package io.routemill.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.wire.bgp.capability.RoleCapability;
import io.routemill.collector.speaker.BgpSpeakerConfig;
import io.routemill.collector.speaker.Neighbor;
import io.routemill.app.config.BgpConfig;
import io.routemill.app.config.ConfigException;
import io.routemill.app.config.ConfigLoader;
import io.routemill.app.config.RoutemillConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BgpConfigTest {
  static final String EXAMPLE = """
      bgp:
        port: 1179
        localAs: 65500
        routerId: 192.0.2.100
        neighbors:
          - address: 127.0.0.5
            remoteAs: 65005
            description: "a peer"
            password: secret
            maxPrefixes: 2000000
          - address: 2001:db8::7
            remoteAs: [65007, 4200000007]
            connect: true
            port: 11179
            role: rs
          - address: 127.0.0.8
            remoteAs: any
      """;

  @Test
  void theIssuesExample() throws Exception {
    BgpConfig c = ConfigLoader.fromYaml("routemill.yaml", EXAMPLE).bgp();
    assertTrue(c.enabled());
    assertEquals(1179, c.port());
    BgpSpeakerConfig s = c.toSpeakerConfig();
    assertEquals(65500, s.localAs());
    assertEquals(BgpSpeakerConfig.parseRouterId("192.0.2.100"), s.routerId());
    List<Neighbor> n = s.neighbors();
    assertEquals(Set.of(65005L), n.get(0).remoteAs());
    assertEquals("secret", n.get(0).password());
    assertEquals(2_000_000, n.get(0).maxPrefixes());
    assertEquals("a peer", n.get(0).description());
    assertFalse(n.get(0).connect());
    assertEquals(Set.of(65007L, 4200000007L), n.get(1).remoteAs());
    assertTrue(n.get(1).connect());
    assertEquals(11179, n.get(1).port());
    assertEquals(RoleCapability.RS, n.get(1).role());
    assertEquals(Set.of(), n.get(2).remoteAs());
    assertTrue(n.get(2).acceptsAs(12345));
    assertFalse(c.toString().contains("secret"), "passwords are not logged");
  }

  @Test
  void flagOverridesThePortAndNoSectionMeansOff(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("r.yaml");
    Files.writeString(f, EXAMPLE);
    assertEquals(179, ConfigLoader.fromArgs(List.of("--config", f.toString(), "--bgp-port", "179")).bgp().port());
    assertEquals(1179, ConfigLoader.fromArgs(List.of("--config", f.toString())).bgp().port());
    RoutemillConfig none = ConfigLoader.load(null, Map.of());
    assertFalse(none.bgp().enabled());
    assertEquals(RoutemillConfig.defaults(), none);
  }

  @Test
  void errorsNameTheLineAndKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("r.yaml", """
        bgp:
          localAs: 65500
          routerId: 192.0.2.100
          neighbors:
            - address: 127.0.0.5
              remoteAs: 4294967296
        """));
    assertTrue(e.getMessage().startsWith("r.yaml:6: bgp.neighbors[0].remoteAs: must be an integer"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("r.yaml", """
        bgp:
          localAs: 65500
          routerId: 192.0.2.100
          neighbors:
            - address: 127.0.0.5
              remoteAs: 1
              pasword: x
        """));
    assertTrue(e.getMessage().contains("unknown key 'pasword'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("r.yaml", """
        bgp:
          neighbors:
            - address: 127.0.0.5
              remoteAs: 1
        """));
    assertTrue(e.getMessage().contains("bgp.localAs: required"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("r.yaml", """
        bgp:
          localAs: 65500
          routerId: 192.0.2.100
          neighbors:
            - address: 127.0.0.5
              remoteAs: 1
              role: boss
        """));
    assertTrue(e.getMessage().contains("bgp.neighbors[0].role"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("r.yaml", "bgp:\n  holdTime: 2\n"));
    assertTrue(e.getMessage().contains("r.yaml:2: bgp.holdTime"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("r.yaml", "bgp:\n  neighbours: []\n"));
    assertTrue(e.getMessage().contains("unknown key 'neighbours'"), e.getMessage());
    assertNull(BgpConfig.DEFAULTS.routerId());
  }
}
