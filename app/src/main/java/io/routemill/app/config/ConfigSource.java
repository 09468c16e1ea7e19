package io.routemill.app.config;

import java.util.Map;

/**
 * One source of values: a tree of keys (maps, lists, scalars) and, for messages, where a value came from.
 * The YAML file ({@link YamlSource}) and the command line ({@link CommandLine}) are the two kinds; a
 * {@link ConfigReader} merges them, later sources winning.
 */
public interface ConfigSource {
  /** The top-level mapping, section name to section; empty for an empty file. */
  Map<String, Object> root();

  /**
   * {@code "routemill.yaml:12"} or {@code "command line --http-port"}: where the value at {@code path}
   * ({@code http.port}, {@code bgp.neighbors[1].remoteAs}) was given, as precisely as the source knows.
   */
  String where(String path);

  /** True when every scalar is text still to be parsed (command-line flags); false for typed YAML. */
  boolean textual();
}
