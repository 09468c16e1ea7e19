package io.routemill.wire.bgp.attr;

/** LOCAL_PREF (type 5, RFC 4271 §5.1.5): unsigned 32-bit. */
public record Attr05LocalPref(int flags, long value) implements PathAttribute {
  public Attr05LocalPref(long value) {
    this(WELL_KNOWN, value);
  }

  @Override
  public int typeCode() {
    return LOCAL_PREF;
  }
}
