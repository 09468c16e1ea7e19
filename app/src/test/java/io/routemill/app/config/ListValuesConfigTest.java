package io.routemill.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ConfigReader's list getters, on a made-up section {@code s:}, and on the real lists of bgp and archive. */
class ListValuesConfigTest {
  /** A scalar list of each kind. */
  record Scalars4(List<String> names, List<Long> numbers, List<String> colours, List<Duration> every) {
    static Scalars4 read(ConfigReader r) throws ConfigException {
      return new Scalars4(r.list("names", List.of("x"), Scalars.STRING), r.list("numbers", null, Scalars.integer(1, 9)),
          r.list("colours", List.of(), Scalars.oneOf(List.of("red", "green"))),
          r.list("every", List.of(), Scalars.DURATION));
    }
  }

  /** A list of sections. */
  record Item(String name, int size) {
    static Item read(ConfigReader r) throws ConfigException {
      return new Item(r.string("name", "?"), r.integer("size", 1, 1, 10));
    }
  }

  private static <T> T section(String yaml, ConfigReader.SectionReader<T> reader) throws ConfigException {
    ConfigReader r = ConfigReader.of(List.of(YamlSource.parse("s.yaml", yaml)));
    T value = r.section("s", reader);
    r.finish();
    return value;
  }

  private static String fails(String yaml, ConfigReader.SectionReader<?> reader) {
    return assertThrows(ConfigException.class, () -> section(yaml, reader)).getMessage();
  }

  @Test
  void scalarLists() throws Exception {
    Scalars4 s = section("s:\n  names: [a, b]\n  numbers: [1, 9]\n  colours: [RED, green]\n  every: [30s, 5m]\n",
        Scalars4::read);
    assertEquals(new Scalars4(List.of("a", "b"), List.of(1L, 9L), List.of("red", "green"),
        List.of(Duration.ofSeconds(30), Duration.ofMinutes(5))), s);
    // block style, and defaults (including null) when absent
    s = section("s:\n  names:\n    - a\n    - b\n", Scalars4::read);
    assertEquals(List.of("a", "b"), s.names());
    assertNull(s.numbers());
    assertEquals(List.of("x"), section("s: {}\n", Scalars4::read).names());
  }

  @Test
  void aSingleValueIsAListOfOneAndNoValueTheEmptyList() throws Exception {
    Scalars4 s = section("s:\n  names: a\n  numbers: 3\n  colours: red\n  every: 1h\n  ", Scalars4::read);
    assertEquals(new Scalars4(List.of("a"), List.of(3L), List.of("red"), List.of(Duration.ofHours(1))), s);
    assertEquals(List.of(), section("s:\n  names:\n  numbers: []\n", Scalars4::read).names());
    assertEquals(List.of(), section("s:\n  numbers: []\n", Scalars4::read).numbers());
  }

  @Test
  void aBadElementIsNamedWithItsIndexAndLine() {
    assertTrue(fails("s:\n  numbers:\n    - 1\n    - 10\n", Scalars4::read)
        .startsWith("s.yaml:4: s.numbers[1]: must be an integer from 1 to 9, got the integer 10"));
    assertTrue(fails("s:\n  names: [a, 7]\n", Scalars4::read)
        .startsWith("s.yaml:2: s.names[1]: must be a non-empty string, got the integer 7"));
    assertTrue(fails("s:\n  colours: [red, blue]\n", Scalars4::read)
        .startsWith("s.yaml:2: s.colours[1]: must be one of red, green; got the string \"blue\""));
    assertTrue(fails("s:\n  every: [5m, 5 minutes]\n", Scalars4::read).startsWith("s.yaml:2: s.every[1]: "));
    assertTrue(fails("s:\n  numbers: x\n", Scalars4::read).startsWith("s.yaml:2: s.numbers: must be an integer"));
    assertTrue(fails("s:\n  names: [[a]]\n", Scalars4::read).contains("s.names[0]: must be a non-empty string, got a list"));
    assertTrue(fails("s:\n  names: {a: 1}\n", Scalars4::read).contains("s.names: must be a non-empty string, got a section"));
  }

  @Test
  void listsOfSections() throws Exception {
    assertEquals(List.of(new Item("a", 2), new Item("?", 1)),
        section("s:\n  items:\n    - name: a\n      size: 2\n    - {}\n", r -> r.sections("items", List.of(), Item::read)));
    assertEquals(List.of(), section("s:\n  items:\n", r -> r.sections("items", List.of(new Item("d", 1)), Item::read)));
    assertEquals(List.of(new Item("d", 1)), section("s: {}\n", r -> r.sections("items", List.of(new Item("d", 1)),
        Item::read)));
  }

  @Test
  void errorsInsideAListOfSectionsNameFileLineAndFullPath() {
    ConfigReader.SectionReader<List<Item>> items = r -> r.sections("items", List.of(), Item::read);
    String yaml = "s:\n  items:\n    - name: a\n      size: 2\n    - name: b\n      size: 11\n";
    assertTrue(fails(yaml, items).startsWith("s.yaml:6: s.items[1].size: must be an integer from 1 to 10, got the integer 11"),
        fails(yaml, items));
    String typo = fails("s:\n  items:\n    - name: a\n      sise: 2\n", items);
    assertTrue(typo.startsWith("s.yaml:4: s.items[0].sise: unknown key 'sise' in section 's.items[0]' (did you mean 'size'?)"),
        typo);
    assertTrue(fails("s:\n  items:\n    - name: a\n    - b\n", items)
        .startsWith("s.yaml:4: s.items[1]: must be a section (a mapping of keys to values), got the string \"b\""));
    assertTrue(fails("s:\n  items:\n    - name: a\n    -\n", items).startsWith("s.yaml:4: s.items[1]: must be a section"));
    assertTrue(fails("s:\n  items: {name: a}\n", items).startsWith("s.yaml:2: s.items: must be a list of sections"));
    assertTrue(fails("s:\n  items:\n    - {name: [x]}\n", items).startsWith("s.yaml:3: s.items[0].name: must be a non-empty"));
  }

  @Test
  void theBgpNeighboursList() {
    String yaml = """
        bgp:
          localAs: 65500
          routerId: 192.0.2.100
          neighbors:
            - address: 127.0.0.5
              remoteAs: 65005
            - address: 127.0.0.6
              remoteAs: [65006, x]
        """;
    String m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("routemill.yaml", yaml)).getMessage();
    assertTrue(m.startsWith("routemill.yaml:8: bgp.neighbors[1].remoteAs[1]: must be an integer from 1 to 4294967295"), m);
    m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("routemill.yaml",
        yaml.replace("[65006, x]", "[]"))).getMessage();
    assertTrue(m.startsWith("routemill.yaml:8: bgp.neighbors[1].remoteAs: an empty list accepts nobody"), m);
    m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("routemill.yaml",
        yaml.replace("[65006, x]", "65006").replace("127.0.0.6", "127.0.0.05"))).getMessage();
    assertTrue(m.startsWith("routemill.yaml:7: bgp.neighbors[1].address: must be the neighbour's IPv4 or IPv6 address"), m);
    m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("routemill.yaml",
        yaml.replace("[65006, x]", "65006").replace("127.0.0.6", "127.0.0.5"))).getMessage();
    assertTrue(m.startsWith("routemill.yaml:7: bgp.neighbors[1].address: 127.0.0.5 is listed twice"), m);
    m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("routemill.yaml",
        yaml.replace("[65006, x]", "[65006, any]"))).getMessage();
    assertTrue(m.startsWith("routemill.yaml:8: bgp.neighbors[1].remoteAs: any accepts every AS"), m);
    m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("routemill.yaml",
        yaml.replace("[65006, x]", "65006").replace("  localAs: 65500\n", ""))).getMessage();
    assertTrue(m.startsWith("routemill.yaml:1: bgp.localAs: required when neighbours are configured"), m);
  }

  @Test
  void theArchiveViewsList() throws Exception {
    assertEquals(List.of("bgp"), ConfigLoader.fromYaml("t.yaml", "archive:\n  views: bgp\n").archive().views());
    assertEquals(List.of("loc-rib", "bgp"),
        ConfigLoader.fromYaml("t.yaml", "archive:\n  views: [loc-rib, bgp, loc-rib]\n").archive().views());
    assertEquals(List.of("adj-in-pre", "bgp"), // the comma-separated string of earlier versions
        ConfigLoader.fromYaml("t.yaml", "archive:\n  views: adj-in-pre, bgp\n").archive().views());
    assertEquals(List.of(), ConfigLoader.fromYaml("t.yaml", "archive:\n  views: []\n").archive().views());
    String m = assertThrows(ConfigException.class,
        () -> ConfigLoader.fromYaml("t.yaml", "archive:\n  views:\n    - bgp\n    - locrib\n")).getMessage();
    assertTrue(m.startsWith("t.yaml:4: archive.views[1]: unknown view 'locrib'; known: bgp, adj-in-pre"), m);
  }
}
