package io.routemill.wire.bmp;

import io.netty.buffer.ByteBuf;
import io.routemill.wire.bgp.AddPathFallback;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Open;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one BMP message (RFC 7854 §4) from a frame such as {@link BmpFrameDecoder} emits: exactly the bytes of
 * one message, common header included. Needs no channel; never throws and never returns null. The frame is read
 * from its reader index to its writer index, which ends at the end of the frame; it is neither retained nor
 * released (the caller owns it). All decoded fields are copies, so the frame may be released right after.
 *
 * <p>Structural problems (a length field that disagrees with the frame, a per-peer header, statistic or TLV
 * overrunning the message, a Peer Up OPEN that is not a valid OPEN, bytes left after the last field) make an
 * {@link InvalidBmpMessage} with the offset of the problem. The BGP UPDATE of a Route Monitoring message is read
 * with the context {@code contexts} gives for its per-peer header, through {@link AddPathFallback}; its own
 * problems stay on the decoded BGP message.
 */
public final class BmpMessageDecoder {
  private BmpMessageDecoder() {}

  /** A structural error at {@code offset} within the message; cheap (no stack trace). */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    Malformed(int offset, String reason) {
      super(reason, null, false, false);
      this.offset = offset;
    }
  }

  public static BmpMessage decode(ByteBuf frame, PeerContexts contexts) {
    int start = frame.readerIndex();
    int size = frame.readableBytes();
    ByteBuf m = frame.slice(start, size);
    frame.skipBytes(size);
    try {
      if (size < BmpMessage.COMMON_HEADER_LENGTH) throw new Malformed(0, "frame of " + size + " bytes");
      int version = m.readUnsignedByte();
      if (version != BmpMessage.VERSION) throw new Malformed(0, "version " + version);
      long length = m.readUnsignedInt();
      if (length != size) throw new Malformed(1, "length " + length + " but the frame has " + size + " bytes");
      int type = m.readUnsignedByte();
      switch (type) {
        case BmpMessage.TYPE_ROUTE_MONITORING: return routeMonitoring(m, peerHeader(m), contexts);
        case BmpMessage.TYPE_STATISTICS_REPORT: return statistics(m, peerHeader(m));
        case BmpMessage.TYPE_PEER_DOWN: return BmpPeerMessages.peerDown(m, peerHeader(m));
        case BmpMessage.TYPE_PEER_UP: return BmpPeerMessages.peerUp(m, peerHeader(m));
        case BmpMessage.TYPE_INITIATION: return new Initiation(Tlvs.read(m, size));
        case BmpMessage.TYPE_TERMINATION: return new Termination(Tlvs.read(m, size));
        case BmpMessage.TYPE_ROUTE_MIRRORING: {
          PeerHeader peer = peerHeader(m);
          return new RouteMirroring(peer, Tlvs.read(m, size));
        }
        default: return new UnknownBmpMessage(type, bytes(m));
      }
    } catch (Malformed e) {
      return new InvalidBmpMessage(bytes(m), e.getMessage(), e.offset);
    }
  }

  private static byte[] bytes(ByteBuf m) {
    byte[] b = new byte[m.capacity()];
    m.getBytes(0, b);
    return b;
  }

  static void need(ByteBuf m, int n, String what) throws Malformed {
    if (m.readableBytes() < n) {
      throw new Malformed(m.readerIndex(), what + " needs " + n + " bytes, " + m.readableBytes() + " left");
    }
  }

  private static PeerHeader peerHeader(ByteBuf m) throws Malformed {
    need(m, BmpMessage.PER_PEER_HEADER_LENGTH, "per-peer header");
    return PeerHeader.read(m);
  }

  private static BmpMessage routeMonitoring(ByteBuf m, PeerHeader peer, PeerContexts contexts) throws Malformed {
    int at = m.readerIndex();
    need(m, BgpMessage.HEADER_LENGTH, "BGP PDU");
    int pduLength = BgpMessageDecoder.frameLength(m);
    if (pduLength < BgpMessage.HEADER_LENGTH || pduLength > m.readableBytes()) {
      throw new Malformed(at + BgpMessage.MARKER_LENGTH,
          "BGP PDU length " + pduLength + " but " + m.readableBytes() + " bytes follow the per-peer header");
    }
    DecodeContext ctx = contexts.contextFor(peer);
    AddPathFallback.Decoded d = AddPathFallback.decode(m.readSlice(pduLength), ctx);
    List<InfoTlv> tlvs = m.isReadable() ? Tlvs.read(m, m.writerIndex()) : List.of();
    return new RouteMonitoring(peer, d.message(), d.message().raw(), d.addPathFlipped(), tlvs);
  }

  private static StatisticsReport statistics(ByteBuf m, PeerHeader peer) throws Malformed {
    need(m, 4, "stats count");
    long count = m.readUnsignedInt();
    List<Stat> stats = new ArrayList<>((int) Math.min(count, 64));
    for (long i = 0; i < count; i++) {
      int at = m.readerIndex();
      need(m, 4, "stat " + i + " header");
      int type = m.readUnsignedShort();
      int len = m.readUnsignedShort();
      if (m.readableBytes() < len) throw new Malformed(at, "stat type " + type + " length " + len + " overruns");
      Stat.Kind kind = Stat.kindOf(type);
      if (kind == Stat.Kind.COUNTER && len == 4) {
        stats.add(Stat.counter(type, m.readUnsignedInt()));
      } else if (kind == Stat.Kind.GAUGE && len == 8) {
        stats.add(Stat.gauge(type, m.readLong()));
      } else if (kind == Stat.Kind.FAMILY_GAUGE && len == 11) {
        stats.add(Stat.familyGauge(type, m.readUnsignedShort(), m.readUnsignedByte(), m.readLong()));
      } else {
        byte[] data = new byte[len];
        m.readBytes(data);
        stats.add(Stat.raw(type, data));
      }
    }
    trailing(m, "statistics");
    return new StatisticsReport(peer, stats);
  }

  static void trailing(ByteBuf m, String after) throws Malformed {
    if (m.isReadable()) throw new Malformed(m.readerIndex(), m.readableBytes() + " bytes left after the " + after);
  }

  /** Reads one BGP message that must be an OPEN (Peer Up). */
  static Open open(ByteBuf m, String which) throws Malformed {
    int at = m.readerIndex();
    need(m, BgpMessage.HEADER_LENGTH, which);
    int len = BgpMessageDecoder.frameLength(m);
    if (len < BgpMessage.HEADER_LENGTH || len > m.readableBytes()) {
      throw new Malformed(at + BgpMessage.MARKER_LENGTH, which + " length " + len + ", " + m.readableBytes() + " left");
    }
    BgpMessage msg = BgpMessageDecoder.decode(m.readSlice(len), DecodeContext.AS4);
    if (msg instanceof Open o) return o;
    throw new Malformed(at, which + " is not a valid OPEN: " + msg);
  }

  static Optional<BgpMessage> bgp(ByteBuf m) {
    return Optional.of(BgpMessageDecoder.decode(m, DecodeContext.AS4));
  }
}
