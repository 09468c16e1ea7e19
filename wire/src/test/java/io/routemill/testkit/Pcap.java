package io.routemill.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small capture reader for tests: classic pcap and pcapng, link types Ethernet (with 802.1Q tags), raw
 * IP, Linux cooked (SLL), Cisco HDLC and Frame Relay; IPv4 and IPv6; TCP payloads reassembled per direction in sequence
 * order with retransmissions dropped. Enough to replay the real router captures under shared/data into
 * routemill's decoders; not a general-purpose dissector.
 */
public final class Pcap {
  private Pcap() {}

  /** One direction of one TCP connection, payload bytes in sequence order. */
  public record TcpStream(String source, int sourcePort, String destination, int destinationPort, byte[] data,
      int gaps) {
    @Override
    public String toString() {
      return source + ":" + sourcePort + " -> " + destination + ":" + destinationPort + " (" + data.length + " bytes)";
    }
  }

  /** The TCP streams of a capture, in order of first appearance. */
  public static List<TcpStream> tcpStreams(Path file) throws IOException {
    Map<String, TreeMap<Long, byte[]>> flows = new LinkedHashMap<>();
    for (Frame frame : frames(file)) {
      Segment s = tcpSegment(frame);
      if (s != null && s.payload.length > 0) {
        flows.computeIfAbsent(s.key, k -> new TreeMap<>()).putIfAbsent(s.seq, s.payload);
      }
    }
    List<TcpStream> streams = new ArrayList<>();
    for (Map.Entry<String, TreeMap<Long, byte[]>> flow : flows.entrySet()) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      long next = -1;
      int gaps = 0;
      for (Map.Entry<Long, byte[]> seg : flow.getValue().entrySet()) {
        long seq = seg.getKey();
        byte[] payload = seg.getValue();
        if (next < 0) next = seq;
        if (seq + payload.length <= next) continue; // retransmission of data we have
        int skip = (int) Math.max(0, next - seq);
        if (seq > next) gaps++;
        data.write(payload, skip, payload.length - skip);
        next = seq + payload.length;
      }
      String[] k = flow.getKey().split(" ");
      streams.add(new TcpStream(k[0], Integer.parseInt(k[1]), k[2], Integer.parseInt(k[3]), data.toByteArray(), gaps));
    }
    return streams;
  }

  private record Frame(int linkType, byte[] data) {}

  private record Segment(String key, long seq, byte[] payload) {}

  static List<Frame> frames(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
    if (magic == 0x0A0D0D0A) return pcapng(b);
    if (magic == 0xA1B2C3D4 || magic == 0xA1B23C4D) b.order(ByteOrder.BIG_ENDIAN);
    else if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) b.order(ByteOrder.LITTLE_ENDIAN);
    else throw new IOException(file + ": not a pcap or pcapng file");
    int linkType = b.getInt(20) & 0x0FFFFFFF;
    List<Frame> frames = new ArrayList<>();
    int pos = 24;
    while (pos + 16 <= b.limit()) {
      int captured = b.getInt(pos + 8);
      if (captured < 0 || pos + 16 + captured > b.limit()) break;
      frames.add(new Frame(linkType, Arrays.copyOfRange(b.array(), pos + 16, pos + 16 + captured)));
      pos += 16 + captured;
    }
    return frames;
  }

  private static List<Frame> pcapng(ByteBuffer b) {
    List<Frame> frames = new ArrayList<>();
    List<Integer> interfaces = new ArrayList<>();
    int pos = 0;
    while (pos + 12 <= b.limit()) {
      int type = b.getInt(pos);
      if (type == 0x0A0D0D0A) {
        b.order(b.order(ByteOrder.BIG_ENDIAN).getInt(pos + 8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        interfaces.clear();
      }
      int length = b.getInt(pos + 4);
      if (length < 12 || pos + length > b.limit()) break;
      if (type == 1) {
        interfaces.add(b.getShort(pos + 8) & 0xFFFF);
      } else if (type == 6) {
        int iface = b.getInt(pos + 8);
        int captured = b.getInt(pos + 20);
        int link = iface < interfaces.size() ? interfaces.get(iface) : 1;
        frames.add(new Frame(link, Arrays.copyOfRange(b.array(), pos + 28, pos + 28 + captured)));
      }
      pos += length;
    }
    return frames;
  }

  private static Segment tcpSegment(Frame frame) {
    byte[] d = frame.data;
    int ip;
    switch (frame.linkType) {
      case 1: { // Ethernet, skipping 802.1Q / QinQ tags
        ip = 14;
        int etherType = u16(d, 12);
        while ((etherType == 0x8100 || etherType == 0x88A8) && ip + 4 <= d.length) {
          etherType = u16(d, ip + 2);
          ip += 4;
        }
        if (etherType != 0x0800 && etherType != 0x86DD) return null;
        break;
      }
      case 101: ip = 0; break;
      case 104: ip = 4; break; // Cisco HDLC: address, control, protocol
      case 113: ip = 16; break;
      case 107: ip = d.length > 4 && (d[2] & 0xFF) == 0x03 ? 4 : 2; break; // Q.922 address, control, NLPID
      default: return null;
    }
    if (ip >= d.length) return null;
    int version = (d[ip] & 0xFF) >>> 4;
    int tcp;
    int end;
    String src;
    String dst;
    if (version == 4) {
      if ((d[ip + 9] & 0xFF) != 6) return null;
      tcp = ip + (d[ip] & 0x0F) * 4;
      end = Math.min(d.length, ip + u16(d, ip + 2));
      src = address(d, ip + 12, 4);
      dst = address(d, ip + 16, 4);
    } else if (version == 6) {
      if ((d[ip + 6] & 0xFF) != 6) return null; // extension headers are not used by these captures
      tcp = ip + 40;
      end = Math.min(d.length, tcp + u16(d, ip + 4));
      src = address(d, ip + 8, 16);
      dst = address(d, ip + 24, 16);
    } else {
      return null;
    }
    if (tcp + 20 > end) return null;
    int payload = tcp + ((d[tcp + 12] & 0xFF) >>> 4) * 4;
    long seq = ((long) u16(d, tcp + 4) << 16) | u16(d, tcp + 6);
    String key = src + " " + u16(d, tcp) + " " + dst + " " + u16(d, tcp + 2);
    return new Segment(key, seq, Arrays.copyOfRange(d, Math.min(payload, end), end));
  }

  private static int u16(byte[] d, int off) {
    return ((d[off] & 0xFF) << 8) | (d[off + 1] & 0xFF);
  }

  private static String address(byte[] d, int off, int len) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(d, off, off + len)).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
