package io.routemill.wire.bgp.attr;

/** Only to Customer (OTC, type 35, RFC 9234 §5): the 4-octet AS that marked the route. */
public record Attr35OnlyToCustomer(int flags, long asn) implements PathAttribute {
  public Attr35OnlyToCustomer(long asn) {
    this(OPTIONAL_TRANSITIVE, asn);
  }

  @Override
  public int typeCode() {
    return ONLY_TO_CUSTOMER;
  }
}
