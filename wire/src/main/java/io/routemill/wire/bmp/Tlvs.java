package io.routemill.wire.bmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing runs of {@link InfoTlv}s (type 2, length 2, value). */
final class Tlvs {
  private Tlvs() {}

  /** Reads TLVs up to {@code end}; a TLV overrunning it is a structural error. */
  static List<InfoTlv> read(ByteBuf m, int end) throws BmpMessageDecoder.Malformed {
    List<InfoTlv> out = new ArrayList<>();
    while (m.readerIndex() < end) {
      int at = m.readerIndex();
      if (end - at < 4) throw new BmpMessageDecoder.Malformed(at, "TLV header needs 4 bytes, " + (end - at) + " left");
      int type = m.readUnsignedShort();
      int len = m.readUnsignedShort();
      if (end - m.readerIndex() < len) {
        throw new BmpMessageDecoder.Malformed(at, "TLV type " + type + " length " + len + " overruns the message");
      }
      byte[] value = new byte[len];
      m.readBytes(value);
      out.add(new InfoTlv(type, value));
    }
    return out;
  }

  static void write(ByteBuf out, List<InfoTlv> tlvs) {
    for (InfoTlv t : tlvs) out.writeShort(t.type()).writeShort(t.value().length).writeBytes(t.value());
  }

  static byte[] toBytes(List<InfoTlv> tlvs) {
    ByteBuf b = Unpooled.buffer();
    try {
      write(b, tlvs);
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      return bytes;
    } finally {
      b.release();
    }
  }

  static String text(List<InfoTlv> tlvs, int type) {
    for (InfoTlv t : tlvs) {
      if (t.type() == type) return t.text();
    }
    return "";
  }
}
