package io.routemill.wire.bgp.attr;

import java.util.List;

/** AS_PATH (type 2, RFC 4271 §5.1.2); 2- or 4-octet on the wire depending on the session (RFC 6793). */
public record Attr02AsPath(int flags, List<AsPathSegment> segments) implements PathAttribute {
  public Attr02AsPath {
    segments = List.copyOf(segments);
  }

  public Attr02AsPath(List<AsPathSegment> segments) {
    this(WELL_KNOWN, segments);
  }

  @Override
  public int typeCode() {
    return AS_PATH;
  }
}
