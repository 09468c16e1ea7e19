package io.routemill.collector.speaker;

/** The BGP FSM states of RFC 4271 §8.2.2, numbered as the RFC (and BMP/MRT state changes) number them. */
public enum BgpState {
  IDLE(1, "Idle"),
  CONNECT(2, "Connect"),
  ACTIVE(3, "Active"),
  OPEN_SENT(4, "OpenSent"),
  OPEN_CONFIRM(5, "OpenConfirm"),
  ESTABLISHED(6, "Established");

  private final int code;
  private final String label;

  BgpState(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** RFC 4271 §8.2.2 number: 1 Idle … 6 Established. */
  public int code() {
    return code;
  }

  /** As the API shows it: {@code Idle}, {@code Connect}, … {@code Established}. */
  public String label() {
    return label;
  }
}
