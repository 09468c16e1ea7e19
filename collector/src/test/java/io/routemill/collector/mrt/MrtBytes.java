package io.routemill.collector.mrt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Hand-laid MRT records (RFC 6396 §4, RFC 8050) for the mapping tests. */
final class MrtBytes {
  /** ORIGIN IGP, AS_PATH 65000 65001 (4-octet), NEXT_HOP 192.0.2.1. */
  static final String ATTRS_AS4 = "40010100" + "40020a0202" + "0000fde8" + "0000fde9" + "400304c0000201";
  /** ORIGIN IGP, AS_PATH 65000 65001 (2-octet), NEXT_HOP 192.0.2.1. */
  static final String ATTRS_AS2 = "40010100" + "4002060202" + "fde8" + "fde9" + "400304c0000201";
  static final String MARKER = "ffffffffffffffffffffffffffffffff";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static String u16(int v) {
    return String.format("%04x", v);
  }

  static String u32(long v) {
    return String.format("%08x", v);
  }

  /** A record of the given type/subtype; {@code microseconds} >= 0 makes it an _ET record. */
  MrtBytes record(long time, int type, int subtype, int microseconds, String body) {
    byte[] b = hex(body);
    int length = b.length + (microseconds >= 0 ? 4 : 0);
    String header = u32(time) + u16(type) + u16(subtype) + u32(length) + (microseconds >= 0 ? u32(microseconds) : "");
    out.writeBytes(hex(header));
    out.writeBytes(b);
    return this;
  }

  /** A BGP UPDATE with its header: withdrawn routes, attributes and NLRI as hex. */
  static String update(String withdrawn, String attributes, String nlri) {
    int length = 19 + 2 + withdrawn.length() / 2 + 2 + attributes.length() / 2 + nlri.length() / 2;
    return MARKER + u16(length) + "02" + u16(withdrawn.length() / 2) + withdrawn + u16(attributes.length() / 2)
        + attributes + nlri;
  }

  static String keepalive() {
    return MARKER + "001304";
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  Path write(Path dir, String name) throws IOException {
    return Files.write(dir.resolve(name), bytes());
  }
}
