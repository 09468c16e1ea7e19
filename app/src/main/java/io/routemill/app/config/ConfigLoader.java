package io.routemill.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RoutemillConfig} from its sources, later ones overriding earlier ones: the defaults, the
 * YAML file given with {@code --config FILE} ({@link YamlSource}), then the command-line flags of
 * {@link #FLAGS} ({@link CommandLine}). Every section is read the same way, by {@link RoutemillConfig#read}.
 */
public final class ConfigLoader {

  /** Command-line flags that set one key each, flag name to key path ({@code --load} takes several files). */
  public static final Map<String, String> FLAGS = flags();

  /** The flag naming the YAML file. */
  public static final String CONFIG_FLAG = CommandLine.CONFIG_FLAG;

  private ConfigLoader() {}

  /** The configuration from {@code routemill run}'s arguments ({@code --config FILE} and {@link #FLAGS}). */
  public static RoutemillConfig fromArgs(List<String> args) throws ConfigException {
    CommandLine.Arguments a = CommandLine.parse(args);
    return load(a.config(), a.flags());
  }

  /**
   * @param file YAML file, or null for none
   * @param flags flag name ({@code --http-port}, a key of {@link #FLAGS}) to its text value, or to a list of
   *     them for {@code --load}
   */
  public static RoutemillConfig load(Path file, Map<String, ?> flags) throws ConfigException {
    List<ConfigSource> sources = new ArrayList<>();
    if (file != null) sources.add(YamlSource.read(file));
    sources.add(CommandLine.source(flags));
    return read(sources);
  }

  /** Parses YAML text; {@code name} is how messages refer to it (normally the file name). */
  public static RoutemillConfig fromYaml(String name, String yaml) throws ConfigException {
    return read(List.of(YamlSource.parse(name, yaml)));
  }

  private static RoutemillConfig read(List<ConfigSource> sources) throws ConfigException {
    ConfigReader reader = ConfigReader.of(sources);
    RoutemillConfig config = RoutemillConfig.read(reader);
    reader.finish();
    return config;
  }

  private static Map<String, String> flags() {
    Map<String, String> m = new LinkedHashMap<>();
    for (CommandLine.Flag f : CommandLine.FLAGS) m.put(f.name(), f.path());
    return java.util.Collections.unmodifiableMap(m);
  }
}
