package io.routemill.wire.bgp.attr;

/** ATOMIC_AGGREGATE (type 6, RFC 4271 §5.1.6): no value. */
public record Attr06AtomicAggregate(int flags) implements PathAttribute {
  public Attr06AtomicAggregate() {
    this(WELL_KNOWN);
  }

  @Override
  public int typeCode() {
    return ATOMIC_AGGREGATE;
  }
}
