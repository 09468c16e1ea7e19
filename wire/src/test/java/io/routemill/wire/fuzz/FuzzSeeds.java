package io.routemill.wire.fuzz;

import io.routemill.testkit.Pcap;
import io.routemill.testkit.SharedData;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.mrt.MrtInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Seed corpora for the fuzz targets, cut at test time from the real captures and archives under shared/data
 * (never copied into the repository). Each seed is a short run of consecutive real messages, so the fuzzer
 * starts from inputs that reach deep into every decoder: a Peer Up followed by Route Monitoring, an OPEN followed
 * by UPDATEs, a PEER_INDEX_TABLE followed by RIB records. Seeds are deduplicated by the sequence of message types
 * they hold, which keeps the corpus small (a few hundred inputs) yet covering every kind the data has.
 */
public final class FuzzSeeds {
  /** Messages per seed; the fuzzer itself splices seeds into longer inputs. */
  private static final int WINDOW = 3;
  /** Seeds are capped at this size; larger ones only slow each fuzz iteration down. */
  private static final int MAX_SEED_BYTES = 16 * 1024;
  private static final int MAX_SEEDS_PER_SOURCE = 40;

  private FuzzSeeds() {}

  /** BMP streams (RFC 7854 §4): windows of consecutive messages from every BMP capture. */
  public static Stream<byte[]> bmp() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (Path file : SharedData.files("bmp", ".json")) {
      for (Pcap.TcpStream s : Pcap.tcpStreams(file)) {
        if (s.data().length == 0 || s.data()[0] != 3) continue; // not the router's BMP direction
        seeds.addAll(windows(bmpMessages(s.data()), 5));
      }
    }
    return seeds.stream();
  }

  /**
   * BGP messages (RFC 4271 §4), each prefixed by one byte of session context (see {@link #context}): the
   * context the capture's OPENs negotiated, or the classic 2-octet context when the capture holds no OPEN.
   */
  public static Stream<byte[]> bgp() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (Path file : SharedData.files("bgp", ".json")) {
      for (Pcap.TcpStream s : Pcap.tcpStreams(file)) {
        if (s.sourcePort() != 179 && s.destinationPort() != 179) continue;
        List<byte[]> messages = bgpMessages(s.data());
        boolean as4 = messages.stream().anyMatch(FuzzSeeds::opensWithFourOctetAs);
        byte context = (byte) (as4 ? 1 : 0);
        for (byte[] window : windows(messages, 18)) {
          byte[] seed = new byte[window.length + 1];
          seed[0] = context;
          System.arraycopy(window, 0, seed, 1, window.length);
          seeds.add(seed);
        }
      }
    }
    return seeds.stream();
  }

  /** MRT files (RFC 6396): windows of consecutive records from the head of every real archive. */
  public static Stream<byte[]> mrt() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (Path file : SharedData.files("mrt", "test_expect", ".txt", ".json", ".md")) {
      byte[] head;
      try (InputStream in = MrtInputs.open(file)) {
        head = in.readNBytes(512 * 1024);
      } catch (IOException | UncheckedIOException e) {
        continue; // not an MRT file (a README or an expectation beside the archives)
      }
      seeds.addAll(windows(mrtRecords(head), 6));
    }
    return seeds.stream();
  }

  /**
   * The session context a BGP fuzz input's first byte selects: bit 0 four-octet AS, bit 1 extended messages,
   * bits 2–4 ADD-PATH for IPv4 unicast, IPv6 unicast and IPv4 multicast.
   */
  public static DecodeContext context(byte selector) {
    Set<AfiSafi> addPath = new HashSet<>();
    if ((selector & 4) != 0) addPath.add(AfiSafi.IPV4_UNICAST);
    if ((selector & 8) != 0) addPath.add(AfiSafi.IPV6_UNICAST);
    if ((selector & 16) != 0) addPath.add(AfiSafi.IPV4_MULTICAST);
    return new DecodeContext((selector & 1) != 0, addPath, (selector & 2) != 0);
  }

  private static boolean opensWithFourOctetAs(byte[] message) {
    // OPEN (type 1) carrying capability 65 (RFC 6793 §3); a byte scan suffices to choose a seed's context.
    if (message.length < 29 || message[18] != BgpMessage.TYPE_OPEN) return false;
    for (int i = 29; i + 1 < message.length; i++) {
      if (message[i] == 65 && message[i + 1] == 4) return true;
    }
    return false;
  }

  /** Total length of the message at {@code pos}, its header known to be there. */
  private interface LengthField {
    long at(byte[] data, int pos);
  }

  /** BMP common header (RFC 7854 §4.1): the length counts the whole message. */
  private static List<byte[]> bmpMessages(byte[] data) {
    return split(data, 6, (d, pos) -> u32(d, pos + 1));
  }

  /** BGP header (RFC 4271 §4.1): the length counts the whole message. */
  private static List<byte[]> bgpMessages(byte[] data) {
    return split(data, 19, (d, pos) -> ((d[pos + 16] & 0xFF) << 8) | (d[pos + 17] & 0xFF));
  }

  /** MRT common header (RFC 6396 §2): the length counts the body after the 12-byte header. */
  private static List<byte[]> mrtRecords(byte[] data) {
    return split(data, 12, (d, pos) -> 12 + u32(d, pos + 8));
  }

  /** The whole messages at the start of {@code data}, up to the first one cut short or shorter than a header. */
  private static List<byte[]> split(byte[] data, int header, LengthField length) {
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (pos + header <= data.length) {
      long n = length.at(data, pos);
      if (n < header || pos + n > data.length) break;
      out.add(Arrays.copyOfRange(data, pos, pos + (int) n));
      pos += (int) n;
    }
    return out;
  }

  /**
   * Windows of up to {@link #WINDOW} consecutive messages, keyed by the type bytes of the messages in them
   * (found at {@code typeOffset} of each): the first window of each distinct key is kept.
   */
  private static List<byte[]> windows(List<byte[]> messages, int typeOffset) {
    Map<String, byte[]> byKey = new LinkedHashMap<>();
    for (int start = 0; start < messages.size() && byKey.size() < MAX_SEEDS_PER_SOURCE; start++) {
      StringBuilder key = new StringBuilder();
      int size = 0;
      int end = start;
      while (end < messages.size() && end - start < WINDOW && size + messages.get(end).length <= MAX_SEED_BYTES) {
        byte[] m = messages.get(end);
        key.append(m.length > typeOffset + 1 ? (m[typeOffset] & 0xFF) + "." + (m[typeOffset + 1] & 0xFF) : "-")
            .append(' ');
        size += m.length;
        end++;
      }
      if (end == start) continue;
      byte[] seed = new byte[size];
      int at = 0;
      for (int i = start; i < end; i++) {
        System.arraycopy(messages.get(i), 0, seed, at, messages.get(i).length);
        at += messages.get(i).length;
      }
      byKey.putIfAbsent(key.toString(), seed);
    }
    return new ArrayList<>(byKey.values());
  }

  /**
   * A decoded value's text form exists and shows values, not an array's identity: no byte array held anywhere in
   * the value (records, lists, routemill's classes, walked reflectively) appears as {@code [B@<its identity hash>}.
   * Text the input itself carries (a view name, a sysDescr) may contain anything, "[B@" included.
   */
  static void printable(Object decoded) {
    String text = decoded.toString();
    if (!text.contains("[B@")) return;
    java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>(List.of(decoded));
    while (!todo.isEmpty()) {
      Object o = todo.pop();
      if (o == null || !seen.add(o)) continue;
      if (o instanceof byte[] bytes) {
        String identity = "[B@" + Integer.toHexString(System.identityHashCode(bytes));
        if (text.contains(identity)) throw new AssertionError("text form shows a byte array's identity: " + text);
      } else if (o instanceof Iterable<?> it) {
        it.forEach(todo::push);
      } else if (o instanceof Optional<?> opt) {
        opt.ifPresent(todo::push);
      } else if (o.getClass().getName().startsWith("io.routemill.")) {
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
          for (java.lang.reflect.Field f : c.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
            try {
              f.setAccessible(true);
              todo.push(f.get(o) == null ? Optional.empty() : f.get(o));
            } catch (ReflectiveOperationException | RuntimeException e) {
              throw new AssertionError("cannot inspect " + f, e);
            }
          }
        }
      }
    }
  }

  static long u32(byte[] d, int off) {
    return ((long) (d[off] & 0xFF) << 24) | ((d[off + 1] & 0xFF) << 16) | ((d[off + 2] & 0xFF) << 8)
        | (d[off + 3] & 0xFF);
  }
}
