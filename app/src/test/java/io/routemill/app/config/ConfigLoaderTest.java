package io.routemill.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("routemill.yaml");
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    return f;
  }

  private ConfigException fails(String yaml, String... flags) throws IOException {
    Path f = file(yaml);
    List<String> args = new java.util.ArrayList<>(List.of("--config", f.toString()));
    args.addAll(List.of(flags));
    return assertThrows(ConfigException.class, () -> ConfigLoader.fromArgs(args));
  }

  private static void assertMessage(ConfigException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should contain '" + p + "'");
    }
  }

  @Test
  void defaultsWithoutFileOrFlags() throws Exception {
    RoutemillConfig c = ConfigLoader.fromArgs(List.of());
    assertEquals(RoutemillConfig.defaults(), c);
    assertEquals(11019, c.bmp().port());
    assertEquals(8080, c.http().port());
    assertEquals("0.0.0.0", c.http().host());
  }

  @Test
  void fileOverridesDefaultsAndFlagsOverrideFile() throws Exception {
    Path f = file("""
        # routemill
        bmp:
          port: 12000
        http:
          port: 9000
          host: 127.0.0.1
        """);
    RoutemillConfig fromFile = ConfigLoader.fromArgs(List.of("--config", f.toString()));
    assertEquals(new RoutemillConfig(new BmpConfig(12000), new HttpConfig(9000, "127.0.0.1")), fromFile);

    RoutemillConfig withFlags = ConfigLoader.fromArgs(List.of("--config", f.toString(), "--http-port", "9100",
        "--bmp-port=0"));
    assertEquals(new RoutemillConfig(new BmpConfig(0), new HttpConfig(9100, "127.0.0.1")), withFlags);
  }

  @Test
  void flagsAloneOverrideDefaults() throws Exception {
    RoutemillConfig c = ConfigLoader.load(null, Map.of("--http-port", "18080"));
    assertEquals(new RoutemillConfig(BmpConfig.DEFAULTS, new HttpConfig(18080, "0.0.0.0")), c);
  }

  @Test
  void emptyFileAndEmptySectionsMeanDefaults() throws Exception {
    assertEquals(RoutemillConfig.defaults(), ConfigLoader.fromArgs(List.of("--config", file("").toString())));
    assertEquals(RoutemillConfig.defaults(),
        ConfigLoader.fromArgs(List.of("--config", file("# nothing yet\nbmp:\nhttp: {}\n").toString())));
  }

  @Test
  void unknownTopLevelKeyIsNamedWithFileLineAndSuggestion() throws Exception {
    ConfigException e = fails("bmp:\n  port: 1\nhtpp:\n  port: 2\n");
    assertMessage(e, "routemill.yaml:3", "htpp", "unknown top-level key", "did you mean 'http'?", "bmp, http");
  }

  @Test
  void unknownKeyInSectionIsNamedWithItsPath() throws Exception {
    ConfigException e = fails("http:\n  port: 1\n  hots: 127.0.0.1\n");
    assertMessage(e, "routemill.yaml:3", "http.hots", "unknown key 'hots' in section 'http'", "did you mean 'host'?");
  }

  @Test
  void wrongTypes() throws Exception {
    assertMessage(fails("http:\n  port: \"8080\"\n"), "routemill.yaml:2", "http.port",
        "must be an integer from 0 to 65535", "the string \"8080\"", "without quotes");
    assertMessage(fails("http:\n  port: eighty\n"), "http.port", "the string \"eighty\"");
    assertMessage(fails("http:\n  port: 80.5\n"), "http.port", "the number 80.5");
    assertMessage(fails("http:\n  host: [a, b]\n"), "http.host", "must be a non-empty string", "a list");
    assertMessage(fails("http:\n  host: 8080\n"), "http.host", "the integer 8080");
    assertMessage(fails("http:\n  host:\n"), "http.host", "no value");
    assertMessage(fails("bmp: 11019\n"), "routemill.yaml:1", "bmp:", "must be a section", "the integer 11019");
  }

  @Test
  void outOfRange() throws Exception {
    assertMessage(fails("bmp:\n  port: 65536\n"), "routemill.yaml:2", "bmp.port", "from 0 to 65535", "65536");
    assertMessage(fails("bmp:\n  port: -1\n"), "bmp.port", "-1");
    assertMessage(fails("bmp:\n  port: 99999999999999999999999\n"), "bmp.port", "99999999999999999999999");
  }

  @Test
  void badValueInFileIsReportedEvenWhenAFlagOverridesIt() throws Exception {
    assertMessage(fails("http:\n  port: x\n", "--http-port", "9000"), "routemill.yaml:2", "http.port");
  }

  @Test
  void topLevelMustBeAMapping() throws Exception {
    assertMessage(fails("- bmp\n- http\n"), "routemill.yaml", "top level must be a mapping");
    assertMessage(fails("just text\n"), "top level must be a mapping");
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() throws Exception {
    assertMessage(fails("bmp:\n  port: 1\n http: [\n"), "routemill.yaml:", "not valid YAML");
    assertMessage(fails("http:\n  port: 1\n  port: 2\n"), "routemill.yaml:3", "not valid YAML", "duplicate key");
  }

  @Test
  void nonStringKeys() throws Exception {
    assertMessage(fails("http:\n  8080: port\n"), "http", "key 8080 must be a name");
  }

  @Test
  void missingFile() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.fromArgs(List.of("--config", dir.resolve("nope.yaml").toString())));
    assertMessage(e, "nope.yaml", "no such file");
  }

  @Test
  void commandLineErrors() {
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.fromArgs(List.of("--http-prot", "1"))),
        "unknown option '--http-prot'", "--http-port");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.fromArgs(List.of("--bmp-port"))),
        "--bmp-port", "needs a value");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.fromArgs(List.of("--bmp-port", "x"))),
        "command line --bmp-port", "bmp.port", "must be an integer", "\"x\"");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.fromArgs(List.of("--http-port", "70000"))),
        "--http-port", "http.port", "from 0 to 65535");
    assertMessage(assertThrows(ConfigException.class,
        () -> ConfigLoader.fromArgs(List.of("--http-port", "1", "--http-port", "2"))), "--http-port", "more than once");
    assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.fromArgs(List.of("extra"))),
        "unknown option 'extra'");
  }
}
