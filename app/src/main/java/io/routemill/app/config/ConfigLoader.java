package io.routemill.app.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Builds a {@link RoutemillConfig} from its sources, later ones overriding earlier ones: the defaults, the
 * YAML file given with {@code --config FILE}, then the command-line flags of {@link #FLAGS}.
 */
public final class ConfigLoader {

  /** Command-line flags that set one key each; each takes a value ({@code --flag V} or {@code --flag=V}). */
  public static final Map<String, String> FLAGS = flags(
      "--bmp-port", "bmp.port",
      "--http-port", "http.port",
      "--bgp-port", "bgp.port");

  /** The flag naming the YAML file. */
  public static final String CONFIG_FLAG = "--config";

  private ConfigLoader() {}

  /** The configuration from {@code routemill run}'s arguments ({@code --config FILE} and {@link #FLAGS}). */
  public static RoutemillConfig fromArgs(List<String> args) throws ConfigException {
    Path file = null;
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!name.equals(CONFIG_FLAG) && !FLAGS.containsKey(name)) {
        throw new ConfigException("unknown option '" + arg + "'; known options: " + CONFIG_FLAG + " FILE, "
            + String.join(" N, ", FLAGS.keySet()) + " N");
      }
      if (value == null) {
        if (i + 1 >= args.size()) throw new ConfigException(name + ": needs a value");
        value = args.get(++i);
      }
      if (name.equals(CONFIG_FLAG)) {
        if (file != null) throw new ConfigException(CONFIG_FLAG + ": given more than once");
        if (value.isEmpty()) throw new ConfigException(CONFIG_FLAG + ": needs a file name");
        file = Path.of(value);
      } else if (flags.put(name, value) != null) {
        throw new ConfigException(name + ": given more than once");
      }
    }
    return load(file, flags);
  }

  /**
   * @param file YAML file, or null for none
   * @param flags flag name ({@code --http-port}, a key of {@link #FLAGS}) to its text value
   */
  public static RoutemillConfig load(Path file, Map<String, String> flags) throws ConfigException {
    List<ConfigReader.Source> sources = new ArrayList<>();
    if (file != null) sources.add(yamlSource(file));
    sources.add(flagSource(flags));
    return read(sources);
  }

  /** Parses YAML text; {@code name} is how messages refer to it (normally the file name). */
  public static RoutemillConfig fromYaml(String name, String yaml) throws ConfigException {
    return read(List.of(yamlSource(name, yaml)));
  }

  private static RoutemillConfig read(List<ConfigReader.Source> sources) throws ConfigException {
    // bgp: has lists and 32-bit AS numbers, which ConfigReader does not read: BgpConfig parses the YAML itself
    List<Map.Entry<ConfigReader.Source, Object>> bgp = BgpConfig.take(sources);
    boolean archive = ArchiveConfig.prepare(sources); // archive.views may be a list
    ConfigReader reader = ConfigReader.of(sources);
    RoutemillConfig config = RoutemillConfig.read(reader);
    reader.finish();
    return config.withBgp(BgpConfig.parse(bgp, config.bgp().port())).withArchivePresent(archive);
  }

  private static ConfigReader.Source yamlSource(Path file) throws ConfigException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e, e);
    }
    return yamlSource(file.toString(), text);
  }

  private static ConfigReader.Source yamlSource(String name, String text) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    Object data;
    Map<String, Integer> lines = new HashMap<>();
    try {
      data = new Yaml(new SafeConstructor(options)).load(text);
      Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
      if (root != null) index(root, "", lines);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? e.getContext() + ": " : "";
      throw new ConfigException(name + (m != null ? ":" + (m.getLine() + 1) : "") + ": not valid YAML: "
          + context + problem.trim(), e);
    } catch (YAMLException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Object> root;
    if (data == null) {
      root = Map.of(); // empty file, or only comments
    } else if (data instanceof Map) {
      root = checkKeys(name, lines, (Map<?, ?>) data, "");
    } else {
      throw new ConfigException(name + ": the top level must be a mapping of sections (bmp:, http:, ...), got "
          + ConfigReader.describe(data));
    }
    return new ConfigReader.Source() {
      @Override
      public Map<String, Object> root() {
        return root;
      }

      @Override
      public String where(String path) {
        Integer line = lines.get(path);
        return line == null ? name : name + ":" + line;
      }

      @Override
      public boolean textual() {
        return false;
      }
    };
  }

  /** Records the 1-based line of every mapping key, by dotted path. */
  private static void index(Node node, String path, Map<String, Integer> lines) {
    if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) { // list items as path.0, path.1, ... (bgp.neighbors)
      for (int i = 0; i < seq.getValue().size(); i++) {
        Node item = seq.getValue().get(i);
        lines.putIfAbsent(path + "." + i, item.getStartMark().getLine() + 1);
        index(item, path + "." + i, lines);
      }
      return;
    }
    if (!(node instanceof MappingNode mapping)) return;
    for (NodeTuple t : mapping.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) continue;
      String p = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
      lines.putIfAbsent(p, key.getStartMark().getLine() + 1);
      index(t.getValueNode(), p, lines);
    }
  }

  /** Copies a YAML mapping, checking recursively that every key is a string. */
  private static Map<String, Object> checkKeys(String name, Map<String, Integer> lines, Map<?, ?> map, String path)
      throws ConfigException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        Integer line = lines.get(path);
        throw new ConfigException(name + (line == null ? "" : ":" + line) + ": " + (path.isEmpty() ? "top level" : path)
            + ": key " + e.getKey()
            + " must be a name, got " + ConfigReader.describe(e.getKey()));
      }
      String p = path.isEmpty() ? key : path + "." + key;
      Object v = e.getValue();
      out.put(key, v instanceof Map<?, ?> m ? checkKeys(name, lines, m, p) : v);
    }
    return out;
  }

  private static ConfigReader.Source flagSource(Map<String, String> flags) throws ConfigException {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, String> flagOfPath = new HashMap<>();
    for (Map.Entry<String, String> f : flags.entrySet()) {
      String path = FLAGS.get(f.getKey());
      if (path == null) throw new ConfigException("unknown option '" + f.getKey() + "'");
      flagOfPath.put(path, f.getKey());
      String[] parts = path.split("\\.");
      Map<String, Object> m = root;
      for (int i = 0; i < parts.length - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        m = next;
      }
      m.put(parts[parts.length - 1], f.getValue());
    }
    return new ConfigReader.Source() {
      @Override
      public Map<String, Object> root() {
        return root;
      }

      @Override
      public String where(String path) {
        return "command line " + flagOfPath.getOrDefault(path, "");
      }

      @Override
      public boolean textual() {
        return true;
      }
    };
  }

  private static Map<String, String> flags(String... flagAndPath) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < flagAndPath.length; i += 2) m.put(flagAndPath[i], flagAndPath[i + 1]);
    return java.util.Collections.unmodifiableMap(m);
  }
}
