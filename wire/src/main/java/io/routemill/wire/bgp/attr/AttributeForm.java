package io.routemill.wire.bgp.attr;

/** Where an attribute section comes from, which changes how MP_REACH_NLRI is laid out. */
public enum AttributeForm {
  /** A BGP UPDATE (or a BGP4MP message, which embeds one): MP_REACH_NLRI as in RFC 4760 §3. */
  UPDATE,
  /**
   * A TABLE_DUMP_V2 RIB entry (RFC 6396 §4.3.4): MP_REACH_NLRI holds only next-hop length and next hop, since
   * the record header already says AFI/SAFI and prefix. Writers that put the full form there are accepted too.
   */
  MRT_RIB_ENTRY
}
