package io.routemill.wire.bgp;

/**
 * The error-handling approaches of RFC 7606 §2, ordered from least to most severe so that the action of a
 * message is the maximum over its problems (RFC 7606 §3.h: "the most severe one applies").
 */
public enum Rfc7606Action {
  /** Nothing wrong, or a cosmetic issue (host bits set in a prefix) that changes no route. */
  NONE,
  /** §2 "attribute discard": the attribute is dropped, the rest of the UPDATE is used. */
  ATTRIBUTE_DISCARD,
  /** §2 "treat-as-withdraw": every prefix of the UPDATE is handled as withdrawn. */
  TREAT_AS_WITHDRAW,
  /** §2 "AFI/SAFI disable": the family is disabled; routemill treats its prefixes as withdrawn and logs. */
  AFI_SAFI_DISABLE,
  /** §2 "session reset": the message cannot be trusted at all; a BGP speaker sends NOTIFICATION. */
  SESSION_RESET;

  public Rfc7606Action max(Rfc7606Action other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
