package io.routemill.app.config;

/**
 * The whole configuration: one section per component, each a record with its own defaults.
 *
 * <p>To add a section (say {@code rpki:}): write {@code record RpkiConfig(...)} with a {@code DEFAULTS}
 * constant and a {@code static RpkiConfig read(ConfigReader r)} that reads its keys with the typed getters
 * of {@link ConfigReader}; add the component here and one line to {@link #read}; add a flag to
 * {@link ConfigLoader#FLAGS} if it needs one. Unknown keys are rejected by the reader, at every level,
 * so nothing else has to change.
 */
public record RoutemillConfig(BmpConfig bmp, HttpConfig http, BgpConfig bgp, ArchiveConfig archive) {

  /** Without a {@code bgp:} section (BGP collector off). */
  public RoutemillConfig(BmpConfig bmp, HttpConfig http) {
    this(bmp, http, BgpConfig.DEFAULTS);
  }

  /** Without an {@code archive:} section (archiver off). */
  public RoutemillConfig(BmpConfig bmp, HttpConfig http, BgpConfig bgp) {
    this(bmp, http, bgp, ArchiveConfig.DEFAULTS);
  }

  /** Everything at its default: what {@code routemill run} uses without a file or flags. */
  public static RoutemillConfig defaults() {
    return new RoutemillConfig(BmpConfig.DEFAULTS, HttpConfig.DEFAULTS, BgpConfig.DEFAULTS, ArchiveConfig.DEFAULTS);
  }

  /** {@code bgp:} is read apart ({@link BgpConfig#parse}); here only its flags, merged by {@link ConfigLoader}. */
  static RoutemillConfig read(ConfigReader r) throws ConfigException {
    return new RoutemillConfig(
        r.section("bmp", BmpConfig::read),
        r.section("http", HttpConfig::read),
        r.section("bgp", BgpConfig::readFlags),
        r.section("archive", ArchiveConfig::read));
  }

  RoutemillConfig withBgp(BgpConfig b) {
    return new RoutemillConfig(bmp, http, b, archive);
  }

  /** {@code archive:} is on when the section is present ({@link ArchiveConfig#prepare}). */
  RoutemillConfig withArchivePresent(boolean present) {
    return new RoutemillConfig(bmp, http, bgp, archive.withPresence(present));
  }
}
