package io.routemill.wire.bgp.attr;

import java.util.List;

/** AS4_PATH (type 17, RFC 6793 §3): always 4-octet AS numbers; see {@link PathAttributes#effectiveAsPath()}. */
public record Attr17As4Path(int flags, List<AsPathSegment> segments) implements PathAttribute {
  public Attr17As4Path {
    segments = List.copyOf(segments);
  }

  public Attr17As4Path(List<AsPathSegment> segments) {
    this(OPTIONAL_TRANSITIVE, segments);
  }

  @Override
  public int typeCode() {
    return AS4_PATH;
  }
}
