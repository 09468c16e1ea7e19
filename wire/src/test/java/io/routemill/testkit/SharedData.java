package io.routemill.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real data beside the checkout ({@code ../shared/data}, or {@code $ROUTEMILL_DATA}). Tests read it in
 * place; it is never copied into the repository. When it is absent, data tests are skipped with a visible
 * reason, or fail under {@code ROUTEMILL_INTEROP=required} (CI), where a silent skip would hide a gap.
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String configured = System.getenv("ROUTEMILL_DATA");
    Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : locateBesideCheckout();
    if (dir == null || !Files.isDirectory(dir)) {
      String reason = "real data directory not found (set ROUTEMILL_DATA or place shared/data beside the checkout)";
      if (Interop.required()) fail(reason);
      abort(reason);
    }
    return dir;
  }

  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.isRegularFile(p)) fail("missing real-data file " + p);
    return p;
  }

  /** All regular files below {@code relative}, sorted, skipping any path containing one of {@code excluded}. */
  public static List<Path> files(String relative, String... excluded) throws IOException {
    try (Stream<Path> walk = Files.walk(root().resolve(relative))) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(excluded).noneMatch(x -> p.toString().contains(x)))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static Path locateBesideCheckout() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) return candidate;
    }
    return null;
  }
}
