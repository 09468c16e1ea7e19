package io.routemill.wire.bmp;

import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.WireText;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Peer Up Notification (RFC 7854 §4.10): the local address and ports of the monitored session, the OPEN the
 * monitored router sent and the one it received, then Information TLVs (string 0, VRF/table name 3 of RFC 9069
 * §5.2, admin label 4 of RFC 9736). For a Loc-RIB peer (RFC 9069 §5.2) the address and ports are zero and both
 * OPENs are the router's own (fabricated) one.
 *
 * <p>{@code localAddress} is the 16-byte wire field (IPv4 in the last 4 bytes when the header's V flag is clear);
 * a 4-byte address is padded. Do not modify it.
 */
public record PeerUp(PeerHeader peer, byte[] localAddress, int localPort, int remotePort, Open sentOpen,
    Open receivedOpen, List<InfoTlv> info) implements BmpMessage {
  public PeerUp {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(sentOpen, "sentOpen");
    Objects.requireNonNull(receivedOpen, "receivedOpen");
    if (localAddress.length == 4) {
      byte[] padded = new byte[16];
      System.arraycopy(localAddress, 0, padded, 12, 4);
      localAddress = padded;
    } else if (localAddress.length != 16) {
      throw new IllegalArgumentException("local address of " + localAddress.length + " bytes");
    }
    info = List.copyOf(info);
  }

  /** The local address: 4 bytes unless the header's V flag is set. */
  public byte[] localAddressBytes() {
    return peer.isIpv6() ? localAddress.clone() : Arrays.copyOfRange(localAddress, 12, 16);
  }

  @Override
  public int type() {
    return TYPE_PEER_UP;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerUp p && p.peer.equals(peer) && Arrays.equals(p.localAddress, localAddress)
        && p.localPort == localPort && p.remotePort == remotePort && Arrays.equals(p.sentOpen.raw(), sentOpen.raw())
        && Arrays.equals(p.receivedOpen.raw(), receivedOpen.raw()) && p.info.equals(info);
  }

  @Override
  public int hashCode() {
    return Objects.hash(peer, Arrays.hashCode(localAddress), localPort, remotePort, info);
  }

  @Override
  public String toString() {
    return "PeerUp[" + peer + ", local=" + WireText.address(localAddressBytes()) + ":" + localPort + ", remote port "
        + remotePort + ", sent=" + sentOpen + ", received=" + receivedOpen + (info.isEmpty() ? "" : ", " + info) + "]";
  }
}
