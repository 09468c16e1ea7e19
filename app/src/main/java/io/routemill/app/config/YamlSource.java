package io.routemill.app.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
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
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The YAML file as a source. SnakeYAML's constructed tree (typed scalars) carries no positions, so the text is
 * also composed into nodes and the line of every key and list item is recorded by its path
 * ({@code bgp.neighbors[1].remoteAs}); a path not recorded (a key that is absent) is placed at its
 * nearest recorded ancestor.
 *
 * @param name how messages refer to the file (normally its path)
 * @param lines 1-based line of each key path and list item
 */
record YamlSource(String name, Map<String, Object> root, Map<String, Integer> lines) implements ConfigSource {

  static YamlSource read(Path file) throws ConfigException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e, e);
    }
    return parse(file.toString(), text);
  }

  static YamlSource parse(String name, String text) throws ConfigException {
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
    YamlSource source = new YamlSource(name, Map.of(), lines);
    if (data == null) return source; // empty file, or only comments
    if (!(data instanceof Map)) {
      throw new ConfigException(name + ": the top level must be a mapping of sections (bmp:, http:, ...), got "
          + Scalars.describe(data));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) source.copy(data, "");
    return new YamlSource(name, root, lines);
  }

  @Override
  public String where(String path) {
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      Integer line = lines.get(p);
      if (line != null) return name + ":" + line;
    }
    return name;
  }

  /** {@code bgp.neighbors[1]} of {@code bgp.neighbors[1].remoteAs}, {@code bgp.neighbors} of that, ... */
  private static String parent(String path) {
    return path.substring(0, Math.max(0, Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))));
  }

  @Override
  public boolean textual() {
    return false;
  }

  /** Records the 1-based line of every mapping key and list item, by path. */
  private static void index(Node node, String path, Map<String, Integer> lines) {
    if (node instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        Node item = seq.getValue().get(i);
        lines.putIfAbsent(path + "[" + i + "]", item.getStartMark().getLine() + 1);
        index(item, path + "[" + i + "]", lines);
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple t : mapping.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) continue;
        String p = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        lines.putIfAbsent(p, key.getStartMark().getLine() + 1);
        index(t.getValueNode(), p, lines);
      }
    }
  }

  /** Copies the constructed tree, checking at every depth (lists of sections too) that each key is a name. */
  private Object copy(Object value, String path) throws ConfigException {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String p = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
        if (!(e.getKey() instanceof String key)) {
          throw new ConfigException(where(p) + ": " + (path.isEmpty() ? "top level" : path) + ": key " + e.getKey()
              + " must be a name, got " + Scalars.describe(e.getKey()));
        }
        out.put(key, copy(e.getValue(), p));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) out.add(copy(list.get(i), path + "[" + i + "]"));
      return out;
    }
    return value;
  }
}
