package io.routemill.wire.bmp;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.Open;
import java.util.List;
import java.util.Optional;

/** Bodies of Peer Up (RFC 7854 §4.10, RFC 9069 §5.2) and Peer Down (RFC 7854 §4.9, RFC 9069 §5.3). */
final class BmpPeerMessages {
  private BmpPeerMessages() {}

  static PeerUp peerUp(ByteBuf m, PeerHeader peer) throws BmpMessageDecoder.Malformed {
    BmpMessageDecoder.need(m, 20, "Peer Up local address and ports");
    byte[] local = new byte[16];
    m.readBytes(local);
    int localPort = m.readUnsignedShort();
    int remotePort = m.readUnsignedShort();
    Open sent = BmpMessageDecoder.open(m, "sent OPEN");
    Open received = BmpMessageDecoder.open(m, "received OPEN");
    List<InfoTlv> info = Tlvs.read(m, m.writerIndex());
    return new PeerUp(peer, local, localPort, remotePort, sent, received, info);
  }

  static PeerDown peerDown(ByteBuf m, PeerHeader peer) throws BmpMessageDecoder.Malformed {
    BmpMessageDecoder.need(m, 1, "Peer Down reason");
    int reason = m.readUnsignedByte();
    int dataAt = m.readerIndex();
    byte[] data = new byte[m.readableBytes()];
    m.getBytes(dataAt, data);
    switch (reason) {
      case PeerDown.LOCAL_NOTIFICATION:
      case PeerDown.REMOTE_NOTIFICATION: {
        BmpMessageDecoder.need(m, BgpMessage.HEADER_LENGTH, "NOTIFICATION");
        Optional<BgpMessage> notification = BmpMessageDecoder.bgp(m);
        BmpMessageDecoder.trailing(m, "NOTIFICATION");
        return new PeerDown(peer, reason, notification, -1, List.of(), data);
      }
      case PeerDown.LOCAL_NO_NOTIFICATION: {
        BmpMessageDecoder.need(m, 2, "FSM event code");
        int event = m.readUnsignedShort();
        BmpMessageDecoder.trailing(m, "FSM event code");
        return new PeerDown(peer, reason, Optional.empty(), event, List.of(), data);
      }
      case PeerDown.LOCAL_TLV: {
        List<InfoTlv> info = Tlvs.read(m, m.writerIndex());
        return new PeerDown(peer, reason, Optional.empty(), -1, info, data);
      }
      default:
        // 4 and 5 carry no data; unknown reasons keep whatever follows in data.
        m.skipBytes(m.readableBytes());
        return new PeerDown(peer, reason, Optional.empty(), -1, List.of(), data);
    }
  }
}
