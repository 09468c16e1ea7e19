package io.routemill.wire.bgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.routemill.testkit.Pcap;
import io.routemill.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every BGP capture under shared/data/bgp (read in place, never copied), TCP streams reassembled, framed with
 * {@link BgpMessageDecoder#frameLength} in uneven chunks, decoded with the context the two OPENs negotiate (the
 * pmacct captures hold only the router's side; there the collector is assumed to have mirrored its OPEN).
 * Real routers' messages must decode without a single warning and re-encode byte for byte. (Captures on link
 * types the test kit does not read, such as Cisco HDLC, contribute nothing.)
 */
class RealCapturesTest {
  @Test
  void everyBgpCaptureDecodesCleanly() throws Exception {
    Map<String, Map<Integer, Integer>> typesPerFile = new TreeMap<>();
    for (Path file : SharedData.files("bgp", ".json")) {
      List<Pcap.TcpStream> streams = new ArrayList<>();
      for (Pcap.TcpStream s : Pcap.tcpStreams(file)) {
        if (s.sourcePort() == 179 || s.destinationPort() == 179) streams.add(s);
      }
      Map<Integer, Integer> types = typesPerFile.computeIfAbsent(file.getFileName().toString(), k -> new TreeMap<>());
      for (Pcap.TcpStream s : streams) {
        Open theirs = firstOpen(s);
        Open ours = theirs;
        for (Pcap.TcpStream r : streams) {
          if (r.source().equals(s.destination()) && r.sourcePort() == s.destinationPort() && firstOpen(r) != null) {
            ours = firstOpen(r);
          }
        }
        // Without OPENs in the capture (packetlife excerpts) the session is an old 2-octet one.
        DecodeContext ctx = theirs == null ? DecodeContext.DEFAULT : SessionCapabilities.receiveContext(ours, theirs);
        for (BgpMessage m : frame(s.data(), ctx)) {
          String where = file.getFileName() + " " + s + ": " + m;
          types.merge(m.type(), 1, Integer::sum);
          assertFalse(m instanceof InvalidMessage || m instanceof UnknownMessage, where);
          if (m instanceof Update u) {
            assertEquals(List.of(), u.warnings(), where);
            assertArrayEquals(u.raw(), BgpMessageEncoder.toBytes(u, ctx), where);
          }
        }
      }
    }
    // Message type counts as tshark reports them in shared/data/SOURCES.md
    assertEquals(Map.of(1, 2, 2, 4, 4, 4, 5, 2), typesPerFile.get("bgp-add-path.cap"));
    assertEquals(Map.of(2, 12, 4, 8, 5, 1), typesPerFile.get("BGP_soft_reset.cap"));
    assertEquals(Map.of(1, 1, 3, 1), typesPerFile.get("BGP_notification.cap"));
    assertTrue(typesPerFile.size() >= 20, typesPerFile.keySet().toString());
  }

  private static Open firstOpen(Pcap.TcpStream s) {
    for (BgpMessage m : frame(s.data(), DecodeContext.AS4)) {
      if (m instanceof Open o) return o;
    }
    return null;
  }

  /** A streaming framer fed in chunks of 1, 2, 3 ... 17 bytes. */
  static List<BgpMessage> frame(byte[] data, DecodeContext ctx) {
    List<BgpMessage> out = new ArrayList<>();
    ByteBuf acc = PooledByteBufAllocator.DEFAULT.directBuffer();
    try {
      int chunk = 1;
      for (int i = 0; i < data.length; i += chunk, chunk = chunk % 17 + 1) {
        acc.writeBytes(data, i, Math.min(chunk, data.length - i));
        int len;
        while ((len = BgpMessageDecoder.frameLength(acc)) != -1 && acc.readableBytes() >= len) {
          out.add(BgpMessageDecoder.decode(acc, ctx));
        }
        acc.discardSomeReadBytes();
      }
      // Left-over bytes are a message cut off by the end of the capture (the pmacct captures end that way).
    } finally {
      acc.release();
    }
    return out;
  }
}
