package io.routemill.app.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code load:} — MRT files (RIB dumps, updates) loaded into the RIB when the service starts.
 *
 * <pre>
 * load:
 *   files: [rib.20240101.0000.bz2, updates.20240101.0000.bz2]   # one path or a list; relative to the working dir
 *   as: rrc00      # the router name of every file's routes; default: one derived from each file
 * </pre>
 *
 * <p>On the command line: {@code --load FILE...} (repeatable; replaces {@code files}) and {@code --load-as NAME}.
 * A file that does not exist is a configuration error here, so a typo fails before anything starts; the
 * files are not opened here, the loader reports one it cannot read.
 *
 * @param routerName the router name to load the routes as, or null to derive it from each file
 */
public record LoadConfig(List<Path> files, String routerName) {
  public static final LoadConfig DEFAULTS = new LoadConfig(List.of(), null);

  public LoadConfig {
    files = List.copyOf(files);
  }

  /** Whether there is anything to load. */
  public boolean enabled() {
    return !files.isEmpty();
  }

  static LoadConfig read(ConfigReader r) throws ConfigException {
    List<Path> files = r.list("files", DEFAULTS.files, Scalars.EXISTING_PATH);
    String routerName = r.string("as", DEFAULTS.routerName);
    return new LoadConfig(files, routerName);
  }
}
