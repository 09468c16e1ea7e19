package io.routemill.archiver.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.Wire;
import org.junit.jupiter.api.Test;

class AttributeColumnsCacheTest {
  // ORIGIN IGP, AS_PATH (AS_SEQUENCE 64500), MP_REACH_NLRI IPv6 unicast next hop 2001:db8::1 with one prefix
  private static String ipv6Update(String nextHopLastByte, String nlri) {
    String mpValue = "0002 01 10 20010db8" + "0".repeat(22) + nextHopLastByte + " 00" + nlri;
    int mpLength = Wire.bytes(mpValue).length;
    String attributes = "40 01 01 00" + "40 02 06 0201 0000fbf4" + "90 0e " + String.format("%04x", mpLength) + mpValue;
    int attrLength = Wire.bytes(attributes).length;
    String body = "0000" + String.format("%04x", attrLength) + attributes;
    return Wire.MARKER + String.format("%04x", 19 + Wire.bytes(body).length) + "02" + body;
  }

  private static Update decode(String hex) {
    return (Update) BgpMessageDecoder.decode(Unpooled.wrappedBuffer(Wire.bytes(hex)), DecodeContext.AS4);
  }

  @Test
  void updatesDifferingOnlyInTheirMpReachPrefixesShareOneColumnSet() {
    AttributeColumnsCache cache = new AttributeColumnsCache();
    Update a = decode(ipv6Update("01", "30 20010db80001"));
    Update b = decode(ipv6Update("01", "30 20010db80002"));
    Update otherNextHop = decode(ipv6Update("02", "30 20010db80001"));
    assertArrayEquals(AttributeColumnsCache.key(a.raw()), AttributeColumnsCache.key(b.raw()));
    assertEquals(java.util.List.of(), a.warnings());
    assertSame(cache.of(a), cache.of(b));
    assertNotSame(cache.of(a), cache.of(otherNextHop), "the next hop is part of the key");
  }

  @Test
  void sectionsWhoseLengthsDisagreeAreNotKeyed() {
    byte[] raw = Wire.bytes(ipv6Update("01", "30 20010db80001"));
    raw[22] = (byte) 0xFF; // the total path attribute length now overruns the message
    assertNull(AttributeColumnsCache.key(raw));
    assertNull(AttributeColumnsCache.key(new byte[22]));
  }
}
