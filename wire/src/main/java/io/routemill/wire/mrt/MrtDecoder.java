package io.routemill.wire.mrt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.mrt.MrtMessage.BgpMessageRecord;
import io.routemill.wire.mrt.MrtMessage.MrtHeader;
import io.routemill.wire.mrt.MrtMessage.Peer;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;
import io.routemill.wire.mrt.MrtMessage.RibEntry;
import io.routemill.wire.mrt.MrtMessage.RibRecord;
import io.routemill.wire.mrt.MrtMessage.StateChange;
import io.routemill.wire.mrt.MrtMessage.TableDump;
import io.routemill.wire.mrt.MrtMessage.Unsupported;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.AddPathFallback;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.InvalidMessage;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.attr.AttributeForm;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.wire.bgp.attr.PathAttributesDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns a framed {@link MrtRecord} into an {@link MrtMessage} (RFC 6396 §4, RFC 8050, Appendix B for the
 * deprecated BGP type). Never throws on bad input: a body too short for its fields, or of a type routemill
 * does not read, becomes {@link Unsupported} with the reason and the offset of the problem.
 *
 * <p>Decode contexts follow the record type, never guesses: BGP4MP_MESSAGE carries 2-octet AS paths and
 * *_AS4 4-octet ones (§4.4.3); the ADDPATH subtypes carry path ids in every NLRI (RFC 8050 §3); TABLE_DUMP
 * uses 2-octet AS numbers and TABLE_DUMP_V2 4-octet ones with abbreviated MP_REACH (§4.3.4). Extended
 * messages are always allowed: MRT can hold any BGP message up to 65,535 bytes. One exception to "never
 * guess": when a BGP message does not decode cleanly under its record's ADD-PATH setting but does under the
 * opposite one (BIRD writes path ids into non-ADDPATH subtypes), the clean reading is used and reported
 * ({@link AddPathFallback}).
 *
 * <p>Problems go to the problem sink with the record's offset: records that cannot be used (also returned
 * as {@link Unsupported}), bytes after the last field, RFC 7606 warnings of UPDATEs.
 */
public final class MrtDecoder {
  private static final Set<AfiSafi> ADD_PATH_ALL = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV4_MULTICAST,
      AfiSafi.IPV6_UNICAST, AfiSafi.IPV6_MULTICAST);
  private static final DecodeContext AS2 = new DecodeContext(false, Set.of(), true);
  private static final DecodeContext AS4 = new DecodeContext(true, Set.of(), true);
  private static final DecodeContext AS2_ADD_PATH = new DecodeContext(false, ADD_PATH_ALL, true);
  private static final DecodeContext AS4_ADD_PATH = new DecodeContext(true, ADD_PATH_ALL, true);

  private final String source;
  private final Consumer<MrtProblem> problems;

  public MrtDecoder(String source, Consumer<MrtProblem> problems) {
    this.source = source;
    this.problems = problems;
  }

  public MrtMessage decode(MrtRecord record) {
    MrtHeader header = MrtHeader.of(record);
    Cursor c = new Cursor(record.body(), record.bodyLength());
    MrtMessage message;
    try {
      message = switch (record.type()) {
        case MrtType.TABLE_DUMP -> tableDump(header, c);
        case MrtType.TABLE_DUMP_V2 -> tableDumpV2(header, c);
        case MrtType.BGP4MP, MrtType.BGP4MP_ET -> bgp4mp(header, c);
        case MrtType.BGP -> legacyBgp(header, c);
        default -> unsupported(header, c, "record type " + record.type() + " is not read by routemill");
      };
    } catch (Truncated e) {
      message = unsupported(header, c, e.getMessage());
    }
    if (message instanceof Unsupported u) {
      report(header, u.reason(), true);
    } else if (c.pos < c.limit && !(message instanceof BgpMessageRecord)) {
      // Bytes after a BGP message are its record's business (bgpdump ignores them too); elsewhere they
      // mean a damaged length.
      report(header, (c.limit - c.pos) + " bytes after the last field of the record, ignored", false);
    }
    return message;
  }

  private void report(MrtHeader h, String reason, boolean skipped) {
    problems.accept(new MrtProblem(source, h.offset(), h.type(), h.subtype(), reason, skipped));
  }

  private static Unsupported unsupported(MrtHeader header, Cursor c, String reason) {
    return new Unsupported(header, Arrays.copyOf(c.bytes, c.limit), reason);
  }

  private MrtMessage tableDump(MrtHeader h, Cursor c) {
    int afi = h.subtype();
    if (afi != AfiSafi.AFI_IPV4 && afi != AfiSafi.AFI_IPV6) {
      return unsupported(h, c, "TABLE_DUMP subtype (AFI) " + afi + " is not IPv4 or IPv6");
    }
    int addressLength = afi == AfiSafi.AFI_IPV4 ? 4 : 16;
    int view = c.u16();
    int sequence = c.u16();
    byte[] prefixBytes = c.bytes(addressLength);
    int prefixLength = c.u8();
    if (prefixLength > addressLength * 8) {
      return unsupported(h, c, "prefix length " + prefixLength + " at body byte " + (c.pos - 1) + " is too long");
    }
    int status = c.u8();
    long originated = c.u32();
    byte[] peer = c.bytes(addressLength);
    long peerAs = c.u16();
    int attrLength = c.u16();
    int attrStart = c.pos;
    c.need(attrLength);
    c.pos += attrLength;
    PathAttributes attributes = attributes(c.bytes, attrStart, attrLength, AS2, AttributeForm.UPDATE);
    return new TableDump(h, view, sequence, Prefix.canonical(afi, prefixBytes, prefixLength), status, originated,
        peer, peerAs, attributes, Arrays.copyOfRange(c.bytes, attrStart, attrStart + attrLength));
  }

  private MrtMessage tableDumpV2(MrtHeader h, Cursor c) {
    int subtype = h.subtype();
    switch (subtype) {
      case MrtType.PEER_INDEX_TABLE:
        return peerIndexTable(h, c);
      case MrtType.RIB_IPV4_UNICAST:
      case MrtType.RIB_IPV4_UNICAST_ADDPATH:
        return rib(h, c, AfiSafi.IPV4_UNICAST);
      case MrtType.RIB_IPV4_MULTICAST:
      case MrtType.RIB_IPV4_MULTICAST_ADDPATH:
        return rib(h, c, AfiSafi.IPV4_MULTICAST);
      case MrtType.RIB_IPV6_UNICAST:
      case MrtType.RIB_IPV6_UNICAST_ADDPATH:
        return rib(h, c, AfiSafi.IPV6_UNICAST);
      case MrtType.RIB_IPV6_MULTICAST:
      case MrtType.RIB_IPV6_MULTICAST_ADDPATH:
        return rib(h, c, AfiSafi.IPV6_MULTICAST);
      case MrtType.RIB_GENERIC:
      case MrtType.RIB_GENERIC_ADDPATH:
        return rib(h, c, null);
      default:
        return unsupported(h, c, "TABLE_DUMP_V2 subtype " + subtype + " is not read by routemill");
    }
  }

  private MrtMessage peerIndexTable(MrtHeader h, Cursor c) {
    byte[] collectorId = c.bytes(4);
    int viewLength = c.u16();
    String view = new String(c.bytes(viewLength), StandardCharsets.UTF_8);
    int count = c.u16();
    List<Peer> peers = new ArrayList<>(Math.min(count, c.remaining() / 7 + 1));
    for (int i = 0; i < count; i++) {
      int type = c.u8();
      byte[] bgpId = c.bytes(4);
      byte[] address = c.bytes((type & 1) != 0 ? 16 : 4);
      long asn = (type & 2) != 0 ? c.u32() : c.u16();
      peers.add(new Peer(type, bgpId, address, asn));
    }
    return new PeerIndexTable(h, collectorId, view, List.copyOf(peers));
  }

  private MrtMessage rib(MrtHeader h, Cursor c, AfiSafi family) {
    boolean addPath = h.subtype() >= MrtType.RIB_IPV4_UNICAST_ADDPATH;
    long sequence = c.u32();
    Prefix prefix;
    if (family == null) {
      int afi = c.u16();
      int safi = c.u8();
      family = AfiSafi.of(afi, safi);
      if (family.isIpPrefixFamily()) {
        prefix = prefix(c, afi);
      } else {
        // The NLRI of an undecoded family has no length of its own (§4.3.3): it runs to the entry count,
        // which we cannot find without understanding it. Keep the rest of the record raw.
        return unsupported(h, c, "RIB_GENERIC for AFI/SAFI " + family + " is kept raw");
      }
    } else {
      prefix = prefix(c, family.afi());
    }
    int count = c.u16();
    List<RibEntry> entries = new ArrayList<>(Math.min(count, c.remaining() / 8 + 1));
    for (int i = 0; i < count; i++) {
      int peerIndex = c.u16();
      long originated = c.u32();
      long pathId = addPath ? c.u32() : Route.NO_PATH_ID;
      int attrLength = c.u16();
      int attrStart = c.pos;
      c.need(attrLength);
      c.pos += attrLength;
      PathAttributes attributes = attributes(c.bytes, attrStart, attrLength, AS4, AttributeForm.MRT_RIB_ENTRY);
      entries.add(new RibEntry(peerIndex, originated, pathId, attributes,
          Arrays.copyOfRange(c.bytes, attrStart, attrStart + attrLength)));
    }
    return new RibRecord(h, sequence, family, prefix, List.copyOf(entries));
  }

  private static Prefix prefix(Cursor c, int afi) {
    int length = c.u8();
    int max = afi == AfiSafi.AFI_IPV4 ? 32 : 128;
    if (length > max) throw new Truncated("prefix length " + length + " at body byte " + (c.pos - 1));
    byte[] address = new byte[max / 8];
    int n = (length + 7) / 8;
    c.need(n);
    System.arraycopy(c.bytes, c.pos, address, 0, n);
    c.pos += n;
    return Prefix.canonical(afi, address, length);
  }

  private MrtMessage bgp4mp(MrtHeader h, Cursor c) {
    int subtype = h.subtype();
    switch (subtype) {
      case MrtType.BGP4MP_STATE_CHANGE:
      case MrtType.BGP4MP_STATE_CHANGE_AS4: {
        boolean as4 = subtype == MrtType.BGP4MP_STATE_CHANGE_AS4;
        if (!as4 && c.limit == 8) {
          // Old Zebra wrote 8-byte state changes: the two AS numbers and the states, no addresses (AFI 0).
          long peerAs = c.u16();
          long localAs = c.u16();
          int oldState = c.u16();
          int newState = c.u16();
          return new StateChange(h, peerAs, localAs, 0, 0, new byte[0], new byte[0], oldState, newState);
        }
        long peerAs = as4 ? c.u32() : c.u16();
        long localAs = as4 ? c.u32() : c.u16();
        int ifIndex = c.u16();
        int afi = c.u16();
        byte[][] addresses = addresses(c, afi);
        int oldState = c.u16();
        int newState = c.u16();
        return new StateChange(h, peerAs, localAs, ifIndex, afi, addresses[0], addresses[1], oldState, newState);
      }
      case MrtType.BGP4MP_MESSAGE:
      case MrtType.BGP4MP_MESSAGE_AS4:
      case MrtType.BGP4MP_MESSAGE_LOCAL:
      case MrtType.BGP4MP_MESSAGE_AS4_LOCAL:
      case MrtType.BGP4MP_MESSAGE_ADDPATH:
      case MrtType.BGP4MP_MESSAGE_AS4_ADDPATH:
      case MrtType.BGP4MP_MESSAGE_LOCAL_ADDPATH:
      case MrtType.BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH: {
        boolean as4 = Bgp4mpSubtypes.as4(subtype);
        long peerAs = as4 ? c.u32() : c.u16();
        long localAs = as4 ? c.u32() : c.u16();
        int ifIndex = c.u16();
        int afi = c.u16();
        byte[][] addresses = addresses(c, afi);
        DecodeContext ctx = Bgp4mpSubtypes.addPath(subtype) ? (as4 ? AS4_ADD_PATH : AS2_ADD_PATH) : (as4 ? AS4 : AS2);
        BgpMessage message = message(h, c, ctx);
        return new BgpMessageRecord(h, peerAs, localAs, ifIndex, afi, addresses[0], addresses[1], message);
      }
      default:
        return unsupported(h, c, "BGP4MP subtype " + subtype + " is not read by routemill");
    }
  }

  private static byte[][] addresses(Cursor c, int afi) {
    int length;
    if (afi == AfiSafi.AFI_IPV4) {
      length = 4;
    } else if (afi == AfiSafi.AFI_IPV6) {
      length = 16;
    } else {
      throw new Truncated("address family " + afi + " at body byte " + (c.pos - 2) + " is not IPv4 or IPv6");
    }
    return new byte[][] {c.bytes(length), c.bytes(length)};
  }

  /**
   * Deprecated BGP records (RFC 6396 §B.2.1): peer AS (2), peer IPv4 address, then for UPDATE, OPEN, NOTIFY
   * and KEEPALIVE the local AS and address and the BGP message; STATE_CHANGE has the two states instead.
   */
  private MrtMessage legacyBgp(MrtHeader h, Cursor c) {
    int subtype = h.subtype();
    long peerAs = c.u16();
    byte[] peer = c.bytes(4);
    switch (subtype) {
      case MrtType.BGP_STATE_CHANGE: {
        int oldState = c.u16();
        int newState = c.u16();
        return new StateChange(h, peerAs, 0, 0, AfiSafi.AFI_IPV4, peer, new byte[4], oldState, newState);
      }
      case MrtType.BGP_UPDATE:
      case MrtType.BGP_OPEN:
      case MrtType.BGP_NOTIFY:
      case MrtType.BGP_KEEPALIVE: {
        long localAs = c.u16();
        byte[] local = c.bytes(4);
        BgpMessage message = legacyMessage(h, c, subtype);
        return new BgpMessageRecord(h, peerAs, localAs, 0, AfiSafi.AFI_IPV4, peer, local, message);
      }
      default:
        return unsupported(h, c, "deprecated BGP subtype " + subtype + " is not read by routemill");
    }
  }

  /**
   * The deprecated BGP records carry the message without its 19-byte header; the type comes from the MRT
   * subtype. A header is rebuilt so the message decodes (and archives) like any other.
   */
  private BgpMessage legacyMessage(MrtHeader h, Cursor c, int subtype) {
    int type = switch (subtype) {
      case MrtType.BGP_UPDATE -> 2;
      case MrtType.BGP_OPEN -> 1;
      case MrtType.BGP_NOTIFY -> 3;
      default -> 4;
    };
    int bodyLength = c.remaining();
    byte[] framed = new byte[19 + bodyLength];
    Arrays.fill(framed, 0, 16, (byte) 0xFF);
    int total = Math.min(framed.length, 0xFFFF);
    framed[16] = (byte) (total >>> 8);
    framed[17] = (byte) total;
    framed[18] = (byte) type;
    System.arraycopy(c.bytes, c.pos, framed, 19, bodyLength);
    c.pos += bodyLength;
    ByteBuf buf = Unpooled.wrappedBuffer(framed);
    try {
      return checked(h, AddPathFallback.decode(buf, AS2));
    } finally {
      buf.release();
    }
  }

  private BgpMessage message(MrtHeader h, Cursor c, DecodeContext ctx) {
    ByteBuf buf = Unpooled.wrappedBuffer(c.bytes, c.pos, c.remaining());
    try {
      BgpMessage message = checked(h, AddPathFallback.decode(buf, ctx));
      c.pos += buf.readerIndex();
      return message;
    } finally {
      buf.release();
    }
  }

  /** Reports what the message's decoding found wrong, and a reading with the opposite ADD-PATH setting. */
  private BgpMessage checked(MrtHeader h, AddPathFallback.Decoded decoded) {
    BgpMessage message = decoded.message();
    if (decoded.addPathFlipped()) {
      report(h, "BGP message decodes only " + (Bgp4mpSubtypes.addPath(h.subtype()) ? "without" : "with")
          + " ADD-PATH path ids, against its record subtype; read that way", false);
    }
    if (message instanceof InvalidMessage invalid) {
      report(h, "invalid BGP message " + invalid.error(), false);
    } else if (message instanceof Update update) {
      for (BgpError warning : update.warnings()) {
        if (warning.action() != Rfc7606Action.NONE) report(h, "UPDATE " + warning, false);
      }
    }
    return message;
  }

  private static PathAttributes attributes(byte[] bytes, int start, int length, DecodeContext ctx,
      AttributeForm form) {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes, start, length);
    try {
      PathAttributes attributes = PathAttributesDecoder.decode(buf, length, ctx, form);
      return attributes;
    } finally {
      buf.release();
    }
  }

  /** A body shorter than its fields claim: reported as an {@link Unsupported} record. */
  private static final class Truncated extends RuntimeException {
    Truncated(String message) {
      super(message, null, false, false);
    }
  }

  /** Bounds-checked big-endian reads over a record body. */
  private static final class Cursor {
    final byte[] bytes;
    final int limit;
    int pos;

    Cursor(byte[] bytes, int limit) {
      this.bytes = bytes;
      this.limit = limit;
    }

    int remaining() {
      return limit - pos;
    }

    void need(int n) {
      if (n > limit - pos) {
        throw new Truncated("record body ends at byte " + limit + " but a field at body byte " + pos
            + " needs " + n + " more");
      }
    }

    int u8() {
      need(1);
      return bytes[pos++] & 0xFF;
    }

    int u16() {
      need(2);
      int v = MrtReader.u16(bytes, pos);
      pos += 2;
      return v;
    }

    long u32() {
      need(4);
      long v = MrtReader.u32(bytes, pos);
      pos += 4;
      return v;
    }

    byte[] bytes(int n) {
      need(n);
      byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return out;
    }
  }
}
