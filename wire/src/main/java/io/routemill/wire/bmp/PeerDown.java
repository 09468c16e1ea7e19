package io.routemill.wire.bmp;

import io.routemill.wire.bgp.BgpMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Peer Down Notification (RFC 7854 §4.9, reason 6 RFC 9069 §5.3). {@code data} always holds every byte after the
 * reason; the fields decoded from it depend on the reason: 1 and 3 carry the NOTIFICATION PDU sent or received
 * ({@code notification}, which may be an {@link io.routemill.wire.bgp.InvalidMessage} if it is broken), 2 a
 * 2-byte FSM event code ({@code fsmEventCode}, otherwise -1), 6 Information TLVs such as the VRF/table name
 * ({@code info}). Reasons 4 and 5 carry nothing. Do not modify {@code data}.
 */
public record PeerDown(PeerHeader peer, int reason, Optional<BgpMessage> notification, int fsmEventCode,
    List<InfoTlv> info, byte[] data) implements BmpMessage {
  public static final int LOCAL_NOTIFICATION = 1;
  public static final int LOCAL_NO_NOTIFICATION = 2;
  public static final int REMOTE_NOTIFICATION = 3;
  public static final int REMOTE_NO_NOTIFICATION = 4;
  public static final int PEER_DECONFIGURED = 5;
  public static final int LOCAL_TLV = 6;

  public PeerDown {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(notification, "notification");
    info = List.copyOf(info);
  }

  /** Reason 1 or 3 with the NOTIFICATION that ended the session. */
  public static PeerDown withNotification(PeerHeader peer, int reason, BgpMessage notification) {
    return new PeerDown(peer, reason, Optional.of(notification), -1, List.of(), notification.raw());
  }

  /** Reason 2 with the FSM event that ended the session (0 when none applies). */
  public static PeerDown withFsmEvent(PeerHeader peer, int event) {
    return new PeerDown(peer, LOCAL_NO_NOTIFICATION, Optional.empty(), event, List.of(),
        new byte[] {(byte) (event >>> 8), (byte) event});
  }

  /** Reasons without data (4, 5). */
  public static PeerDown withoutData(PeerHeader peer, int reason) {
    return new PeerDown(peer, reason, Optional.empty(), -1, List.of(), new byte[0]);
  }

  /** Reason 6 (RFC 9069): TLVs follow. */
  public static PeerDown withTlvs(PeerHeader peer, List<InfoTlv> info) {
    return new PeerDown(peer, LOCAL_TLV, Optional.empty(), -1, info, Tlvs.toBytes(info));
  }

  @Override
  public int type() {
    return TYPE_PEER_DOWN;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerDown p && p.peer.equals(peer) && p.reason == reason && Arrays.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return (peer.hashCode() * 31 + reason) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "PeerDown[" + peer + ", reason=" + reason + notification.map(n -> ", " + n).orElse("")
        + (fsmEventCode >= 0 ? ", fsmEvent=" + fsmEventCode : "") + (info.isEmpty() ? "" : ", " + info) + "]";
  }
}
