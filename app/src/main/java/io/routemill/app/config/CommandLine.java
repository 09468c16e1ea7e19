package io.routemill.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code routemill run}'s arguments: {@code --config FILE} and the flags of {@link #FLAGS}, each setting one
 * key. The flags become one more source after the file, so they override it key by key (a list as a whole:
 * {@code --load} replaces {@code load.files}); the source is textual, every value a string parsed by the same
 * conversions as the YAML's values, so a flag and a key cannot disagree on what is valid.
 */
final class CommandLine {
  static final String CONFIG_FLAG = "--config";

  /**
   * @param argument the value's name in messages ({@code N}, {@code FILE...})
   * @param several takes every following argument up to the next {@code --...} ({@code --load a.mrt b.mrt}),
   *     and may be repeated, the values accumulating
   */
  record Flag(String name, String path, String argument, boolean several) {}

  static final List<Flag> FLAGS = List.of(
      new Flag("--bmp-port", "bmp.port", "N", false),
      new Flag("--http-port", "http.port", "N", false),
      new Flag("--bgp-port", "bgp.port", "N", false),
      new Flag("--load", "load.files", "FILE...", true),
      new Flag("--load-as", "load.as", "NAME", false));

  /** The parsed arguments: the YAML file (or null) and each flag's value (a string, or a list for several). */
  record Arguments(Path config, Map<String, Object> flags) {}

  private CommandLine() {}

  static Arguments parse(List<String> args) throws ConfigException {
    Path file = null;
    Map<String, Object> flags = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      boolean inline = arg.startsWith("--") && eq > 0;
      String name = inline ? arg.substring(0, eq) : arg;
      Flag flag = flag(name);
      if (flag == null && !name.equals(CONFIG_FLAG)) throw unknown(arg);
      if (flag != null && flag.several) {
        List<String> values = lists.computeIfAbsent(name, k -> new ArrayList<>());
        int before = values.size();
        if (inline) values.add(arg.substring(eq + 1));
        while (!inline && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) values.add(args.get(++i));
        if (values.size() == before) throw new ConfigException(name + ": needs at least one " + flag.argument);
        continue;
      }
      String value;
      if (inline) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new ConfigException(name + ": needs a value");
      }
      if (flag == null) {
        if (file != null) throw new ConfigException(CONFIG_FLAG + ": given more than once");
        if (value.isEmpty()) throw new ConfigException(CONFIG_FLAG + ": needs a file name");
        file = Path.of(value);
      } else if (flags.put(name, value) != null) {
        throw new ConfigException(name + ": given more than once");
      }
    }
    flags.putAll(lists);
    return new Arguments(file, flags);
  }

  /** The flags as a source: {@code --http-port 9000} is {@code http: {port: "9000"}}. */
  static ConfigSource source(Map<String, ?> flags) throws ConfigException {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, String> flagOfPath = new LinkedHashMap<>();
    for (Map.Entry<String, ?> f : flags.entrySet()) {
      Flag flag = flag(f.getKey());
      if (flag == null) throw unknown(f.getKey());
      flagOfPath.put(flag.path, flag.name);
      String[] parts = flag.path.split("\\.");
      Map<String, Object> m = root;
      for (int i = 0; i < parts.length - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        m = next;
      }
      m.put(parts[parts.length - 1], f.getValue());
    }
    return new ConfigSource() {
      @Override
      public Map<String, Object> root() {
        return root;
      }

      @Override
      public String where(String path) { // load.files[1] was given by --load
        for (Map.Entry<String, String> e : flagOfPath.entrySet()) {
          String p = e.getKey();
          if (path.equals(p) || path.startsWith(p + "[") || path.startsWith(p + ".")) return "command line " + e.getValue();
        }
        return "command line";
      }

      @Override
      public boolean textual() {
        return true;
      }
    };
  }

  private static Flag flag(String name) {
    for (Flag f : FLAGS) if (f.name.equals(name)) return f;
    return null;
  }

  private static ConfigException unknown(String arg) {
    List<String> known = new ArrayList<>(List.of(CONFIG_FLAG + " FILE"));
    for (Flag f : FLAGS) known.add(f.name + " " + f.argument);
    return new ConfigException("unknown option '" + arg + "'; known options: " + String.join(", ", known));
  }
}
