package io.routemill.wire.bmp;

import java.util.List;

/** Initiation (RFC 7854 §4.3): Information TLVs, string (0), sysDescr (1), sysName (2); others kept. */
public record Initiation(List<InfoTlv> info) implements BmpMessage {
  public Initiation {
    info = List.copyOf(info);
  }

  /** sysDescr, or "" when absent. */
  public String sysDescr() {
    return Tlvs.text(info, InfoTlv.SYS_DESCR);
  }

  /** sysName, or "" when absent. */
  public String sysName() {
    return Tlvs.text(info, InfoTlv.SYS_NAME);
  }

  @Override
  public int type() {
    return TYPE_INITIATION;
  }
}
