package io.routemill.wire.bmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Writes BMP messages (RFC 7854 §4) — for tests, replay and the benchmark's stream generator. Embedded BGP PDUs
 * are written as their raw bytes ({@link io.routemill.wire.bgp.BgpMessage#raw()}, {@link RouteMonitoring#bgpPdu()}),
 * so what was decoded re-encodes byte for byte; {@link UnknownBmpMessage} and {@link InvalidBmpMessage} are written
 * as they were read. On failure ({@link IllegalArgumentException}: a statistic whose value does not fit) nothing is
 * left in {@code out}.
 */
public final class BmpMessageEncoder {
  private BmpMessageEncoder() {}

  public static void write(ByteBuf out, BmpMessage m) {
    if (m instanceof UnknownBmpMessage u) {
      out.writeBytes(u.bytes());
      return;
    }
    if (m instanceof InvalidBmpMessage i) {
      out.writeBytes(i.bytes());
      return;
    }
    int start = begin(out, m.type());
    try {
      body(out, m);
      end(out, start);
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  /** Encodes into a fresh array. */
  public static byte[] toBytes(BmpMessage m) {
    ByteBuf out = Unpooled.buffer(256);
    try {
      write(out, m);
      byte[] b = new byte[out.readableBytes()];
      out.readBytes(b);
      return b;
    } finally {
      out.release();
    }
  }

  /** Route Monitoring straight from a raw BGP PDU (the readable bytes of {@code pdu}, which is not consumed). */
  public static void writeRouteMonitoring(ByteBuf out, PeerHeader peer, ByteBuf pdu) {
    int len = BmpMessage.COMMON_HEADER_LENGTH + BmpMessage.PER_PEER_HEADER_LENGTH + pdu.readableBytes();
    out.writeByte(BmpMessage.VERSION).writeInt(len).writeByte(BmpMessage.TYPE_ROUTE_MONITORING);
    peer.write(out);
    out.writeBytes(pdu, pdu.readerIndex(), pdu.readableBytes());
  }

  /** Route Monitoring straight from a raw BGP PDU. */
  public static void writeRouteMonitoring(ByteBuf out, PeerHeader peer, byte[] pdu) {
    int len = BmpMessage.COMMON_HEADER_LENGTH + BmpMessage.PER_PEER_HEADER_LENGTH + pdu.length;
    out.writeByte(BmpMessage.VERSION).writeInt(len).writeByte(BmpMessage.TYPE_ROUTE_MONITORING);
    peer.write(out);
    out.writeBytes(pdu);
  }

  private static void body(ByteBuf out, BmpMessage m) {
    if (m instanceof RouteMonitoring r) {
      r.peer().write(out);
      out.writeBytes(r.bgpPdu());
      Tlvs.write(out, r.tlvs());
    } else if (m instanceof StatisticsReport s) {
      s.peer().write(out);
      out.writeInt(s.stats().size());
      for (Stat stat : s.stats()) writeStat(out, stat);
    } else if (m instanceof PeerDown d) {
      d.peer().write(out);
      out.writeByte(d.reason()).writeBytes(d.data());
    } else if (m instanceof PeerUp u) {
      u.peer().write(out);
      out.writeBytes(u.localAddress()).writeShort(u.localPort()).writeShort(u.remotePort());
      out.writeBytes(u.sentOpen().raw()).writeBytes(u.receivedOpen().raw());
      Tlvs.write(out, u.info());
    } else if (m instanceof Initiation i) {
      Tlvs.write(out, i.info());
    } else if (m instanceof Termination t) {
      Tlvs.write(out, t.info());
    } else if (m instanceof RouteMirroring r) {
      r.peer().write(out);
      Tlvs.write(out, r.tlvs());
    }
  }

  private static void writeStat(ByteBuf out, Stat s) {
    out.writeShort(s.type()).writeShort(s.length());
    switch (s.kind()) {
      case COUNTER:
        if (s.value() < 0 || s.value() > 0xFFFFFFFFL) throw new IllegalArgumentException("counter " + s.value());
        out.writeInt((int) s.value());
        break;
      case GAUGE:
        out.writeLong(s.value());
        break;
      case FAMILY_GAUGE:
        out.writeShort(s.afi()).writeByte(s.safi()).writeLong(s.value());
        break;
      default:
        out.writeBytes(s.data());
    }
  }

  /** Initiation with sysDescr and sysName, the two TLVs RFC 7854 §4.3 requires. */
  public static Initiation initiation(String sysDescr, String sysName) {
    return new Initiation(List.of(InfoTlv.text(InfoTlv.SYS_DESCR, sysDescr), InfoTlv.text(InfoTlv.SYS_NAME, sysName)));
  }

  private static int begin(ByteBuf out, int type) {
    int start = out.writerIndex();
    out.writeByte(BmpMessage.VERSION).writeInt(0).writeByte(type);
    return start;
  }

  private static void end(ByteBuf out, int start) {
    out.setInt(start + 1, out.writerIndex() - start);
  }
}
