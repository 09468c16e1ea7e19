package io.routemill.app.config;

/**
 * The whole configuration: one section per component, each a record with its own defaults.
 *
 * <p>To add a section (say {@code rpki:}): write {@code record RpkiConfig(...)} with a {@code DEFAULTS}
 * constant and a {@code static RpkiConfig read(ConfigReader r)} that reads its keys with the typed getters
 * of {@link ConfigReader} (lists and lists of sections included); add the component here and one line to
 * {@link #read}; add a flag to {@link CommandLine#FLAGS} if it needs one. Unknown keys are rejected by the
 * reader, at every level, so nothing else has to change.
 */
public record RoutemillConfig(BmpConfig bmp, HttpConfig http, BgpConfig bgp, ArchiveConfig archive,
    LoadConfig load) {

  /** Without a {@code bgp:} section (BGP collector off). */
  public RoutemillConfig(BmpConfig bmp, HttpConfig http) {
    this(bmp, http, BgpConfig.DEFAULTS);
  }

  /** Without an {@code archive:} section (archiver off). */
  public RoutemillConfig(BmpConfig bmp, HttpConfig http, BgpConfig bgp) {
    this(bmp, http, bgp, ArchiveConfig.DEFAULTS);
  }

  /** Without a {@code load:} section (nothing preloaded). */
  public RoutemillConfig(BmpConfig bmp, HttpConfig http, BgpConfig bgp, ArchiveConfig archive) {
    this(bmp, http, bgp, archive, LoadConfig.DEFAULTS);
  }

  /** Everything at its default: what {@code routemill run} uses without a file or flags. */
  public static RoutemillConfig defaults() {
    return new RoutemillConfig(BmpConfig.DEFAULTS, HttpConfig.DEFAULTS, BgpConfig.DEFAULTS, ArchiveConfig.DEFAULTS,
        LoadConfig.DEFAULTS);
  }

  static RoutemillConfig read(ConfigReader r) throws ConfigException {
    return new RoutemillConfig(
        r.section("bmp", BmpConfig::read),
        r.section("http", HttpConfig::read),
        r.section("bgp", BgpConfig::read),
        r.section("archive", ArchiveConfig::read),
        r.section("load", LoadConfig::read));
  }
}
