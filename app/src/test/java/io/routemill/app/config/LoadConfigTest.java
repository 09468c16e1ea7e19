package io.routemill.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.app.RoutemillMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load:} and {@code --load FILE... / --load-as NAME}. */
class LoadConfigTest {
  @TempDir Path dir;
  Path a;
  Path b;
  Path c;

  @BeforeEach
  void files() throws IOException {
    a = Files.writeString(dir.resolve("a.mrt"), "");
    b = Files.writeString(dir.resolve("b.mrt"), "");
    c = Files.writeString(dir.resolve("c.mrt"), "");
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("routemill.yaml"), text);
  }

  private static LoadConfig load(Object... args) throws ConfigException {
    List<String> list = new ArrayList<>();
    for (Object o : args) list.add(o.toString());
    return ConfigLoader.fromArgs(list).load();
  }

  private static String fails(Object... args) {
    List<String> list = new ArrayList<>();
    for (Object o : args) list.add(o.toString());
    return assertThrows(ConfigException.class, () -> ConfigLoader.fromArgs(list)).getMessage();
  }

  @Test
  void fromTheFile() throws Exception {
    LoadConfig l = ConfigLoader.fromYaml("t.yaml", "load:\n  files: [" + a + ", " + b + "]\n  as: rrc00\n").load();
    assertEquals(new LoadConfig(List.of(a, b), "rrc00"), l);
    assertTrue(l.enabled());
    assertEquals("rrc00", l.routerName());
    l = ConfigLoader.fromYaml("t.yaml", "load:\n  files: " + a + "\n").load(); // one file without brackets
    assertEquals(List.of(a), l.files());
    assertNull(l.routerName());
    assertFalse(ConfigLoader.fromYaml("t.yaml", "load:\n  files: []\n").load().enabled());
  }

  @Test
  void flags() throws Exception {
    assertEquals(new LoadConfig(List.of(a), null), load("--load", a));
    assertEquals(new LoadConfig(List.of(a, b), null), load("--load", a, b));
    assertEquals(new LoadConfig(List.of(a, b, c), "r1"), load("--load", a, b, "--load-as", "r1", "--load", c));
    assertEquals(new LoadConfig(List.of(a, b), "r1"), load("--load=" + a, "--load-as=r1", "--load", b));
    assertEquals(new LoadConfig(List.of(a), null), load("--load", a, "--http-port", "0"));
    RoutemillConfig withOthers = ConfigLoader.fromArgs(List.of("--bmp-port", "1", "--load", a.toString(), b.toString(),
        "--http-port", "2"));
    assertEquals(1, withOthers.bmp().port());
    assertEquals(2, withOthers.http().port());
    assertEquals(List.of(a, b), withOthers.load().files());
    assertEquals(new LoadConfig(List.of(a), null), ConfigLoader.load(null, Map.of("--load", a.toString())).load());
  }

  @Test
  void flagsOverrideTheFile() throws Exception {
    Path f = yaml("load:\n  files: [" + a + ", " + b + "]\n  as: fromfile\n");
    assertEquals(new LoadConfig(List.of(a, b), "fromfile"), load("--config", f));
    assertEquals(new LoadConfig(List.of(c), "fromfile"), load("--config", f, "--load", c)); // the list as a whole
    assertEquals(new LoadConfig(List.of(a, b), "flag"), load("--config", f, "--load-as", "flag"));
    assertEquals(new LoadConfig(List.of(c), "flag"), load("--load-as", "flag", "--load", c, "--config", f));
  }

  @Test
  void usageErrors() {
    String m = fails("--load");
    assertTrue(m.startsWith("--load: needs at least one FILE"), m);
    m = fails("--load", "--http-port", "1");
    assertTrue(m.startsWith("--load: needs at least one FILE"), m);
    assertTrue(fails("--load", a, "--load-as").startsWith("--load-as: needs a value"));
    assertTrue(fails("--load-as", "x", "--load-as", "y").contains("--load-as: given more than once"));
    assertTrue(fails("--lode", a).contains("known options: --config FILE, --bmp-port N, --http-port N, --bgp-port N, "
        + "--load FILE..., --load-as NAME"), fails("--lode", a));
  }

  @Test
  void aFileThatDoesNotExistIsAConfigErrorNamingIt() throws Exception {
    Path missing = dir.resolve("typo.mrt");
    String m = fails("--load", a, missing);
    assertTrue(m.startsWith("command line --load: load.files[1]: no such file: " + missing), m);
    m = fails("--load=" + missing);
    assertTrue(m.startsWith("command line --load: load.files[0]: no such file: " + missing), m);
    Path f = yaml("# preload\nload:\n  files:\n    - " + a + "\n    - " + missing + "\n");
    m = fails("--config", f);
    assertTrue(m.startsWith(f + ":5: load.files[1]: no such file: " + missing), m);
    m = fails("--config", f, "--load", a); // a bad file is reported even when a flag overrides it
    assertTrue(m.startsWith(f + ":5: load.files[1]: no such file"), m);
    m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("t.yaml", "load:\n  as: [a]\n")).getMessage();
    assertTrue(m.startsWith("t.yaml:2: load.as: must be a non-empty string, got a list"), m);
    m = assertThrows(ConfigException.class, () -> ConfigLoader.fromYaml("t.yaml", "load:\n  file: x\n")).getMessage();
    assertTrue(m.contains("unknown key 'file' in section 'load' (did you mean 'files'?)"), m);
  }

  @Test
  void aMissingFileExitsWithTheUsageStatus() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RoutemillMain.run(List.of("run", "--load", dir.resolve("typo.mrt").toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertEquals(RoutemillMain.EXIT_USAGE, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file: " + dir.resolve("typo.mrt")), err::toString);
  }
}
