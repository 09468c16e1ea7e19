package io.routemill.wire.bgp.attr;

/** ORIGIN (type 1, RFC 4271 §5.1.1): 0 IGP, 1 EGP, 2 INCOMPLETE. */
public record Attr01Origin(int flags, int origin) implements PathAttribute {
  public static final int IGP = 0;
  public static final int EGP = 1;
  public static final int INCOMPLETE = 2;

  public Attr01Origin(int origin) {
    this(WELL_KNOWN, origin);
  }

  @Override
  public int typeCode() {
    return ORIGIN;
  }
}
