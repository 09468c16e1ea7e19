package io.routemill.wire.mrt;

import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpMessage;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.WireText;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.util.List;

/**
 * A decoded MRT record. One record type per variant of RFC 6396 §4 / RFC 8050 that routemill reads, plus
 * {@link Unsupported} for everything else (kept raw, never null), so a reader can always go on.
 */
public sealed interface MrtMessage {
  MrtHeader header();

  /** The common header of the record it came from (for _ET types, microseconds; otherwise -1). */
  record MrtHeader(long offset, long timestamp, int microseconds, int type, int subtype) {
    static MrtHeader of(MrtRecord r) {
      return new MrtHeader(r.offset(), r.timestamp(), r.microseconds(), r.type(), r.subtype());
    }
  }

  /** TABLE_DUMP_V2 PEER_INDEX_TABLE (RFC 6396 §4.3.1). */
  record PeerIndexTable(MrtHeader header, byte[] collectorId, String viewName, List<Peer> peers)
      implements MrtMessage {
    @Override
    public String toString() {
      return "PeerIndexTable[" + header + ", collector " + WireText.address(collectorId) + ", view '" + viewName
          + "', " + peers.size() + " peers]";
    }
  }

  /** One peer entry; {@code type} bit 0 = IPv6 address, bit 1 = 4-octet AS. */
  record Peer(int type, byte[] bgpId, byte[] address, long asn) {
    public boolean ipv6() {
      return (type & 1) != 0;
    }

    public boolean as4() {
      return (type & 2) != 0;
    }

    @Override
    public String toString() {
      return "Peer[type " + type + ", id " + WireText.address(bgpId) + ", " + WireText.address(address) + ", AS"
          + asn + "]";
    }
  }

  /**
   * TABLE_DUMP_V2 RIB_* records (RFC 6396 §4.3.2–4.3.3, RFC 8050 §4); RIB_GENERIC only for IP families
   * (other families' NLRI cannot be delimited without decoding them, so those records stay
   * {@link Unsupported}).
   */
  record RibRecord(MrtHeader header, long sequence, AfiSafi family, Prefix prefix, List<RibEntry> entries)
      implements MrtMessage {
    public boolean addPath() {
      int s = header.subtype();
      return s >= MrtType.RIB_IPV4_UNICAST_ADDPATH && s <= MrtType.RIB_GENERIC_ADDPATH;
    }
  }

  /** One RIB entry; {@code pathId} is {@link io.routemill.wire.bgp.Route#NO_PATH_ID} outside ADDPATH subtypes. */
  record RibEntry(int peerIndex, long originatedTime, long pathId, PathAttributes attributes,
      byte[] rawAttributes) {
    @Override
    public String toString() {
      return "RibEntry[peer " + peerIndex + ", t=" + originatedTime + ", path id " + pathId + ", " + attributes + "]";
    }
  }

  /** Legacy TABLE_DUMP (RFC 6396 §4.2): one prefix from one peer per record, 2-octet AS. */
  record TableDump(MrtHeader header, int viewNumber, int sequence, Prefix prefix, int status,
      long originatedTime, byte[] peerAddress, long peerAs, PathAttributes attributes, byte[] rawAttributes)
      implements MrtMessage {
    @Override
    public String toString() {
      return "TableDump[" + header + ", view " + viewNumber + ", seq " + sequence + ", " + prefix + ", status "
          + status + ", t=" + originatedTime + ", peer " + WireText.address(peerAddress) + " AS" + peerAs + ", "
          + attributes + "]";
    }
  }

  /**
   * BGP4MP(_ET) MESSAGE* subtypes (RFC 6396 §4.4.2–4.4.6, RFC 8050 §3), and the deprecated BGP type 5
   * UPDATE/OPEN/NOTIFY/KEEPALIVE records (§B.2.1), whose addresses are always IPv4 and AS numbers 2 octets.
   */
  record BgpMessageRecord(MrtHeader header, long peerAs, long localAs, int interfaceIndex, int afi,
      byte[] peerAddress, byte[] localAddress, BgpMessage message) implements MrtMessage {
    @Override
    public String toString() {
      return "BgpMessageRecord[" + header + ", peer " + WireText.address(peerAddress) + " AS" + peerAs + ", local "
          + WireText.address(localAddress) + " AS" + localAs + ", if " + interfaceIndex + ", afi " + afi + ", "
          + message + "]";
    }
  }

  /**
   * BGP4MP(_ET) STATE_CHANGE(_AS4) and the deprecated BGP type 5 STATE_CHANGE record. Old Zebra's 8-byte
   * state changes carry no addresses: {@code afi} is 0 and both addresses are empty.
   */
  record StateChange(MrtHeader header, long peerAs, long localAs, int interfaceIndex, int afi,
      byte[] peerAddress, byte[] localAddress, int oldState, int newState) implements MrtMessage {
    @Override
    public String toString() {
      return "StateChange[" + header + ", peer " + WireText.address(peerAddress) + " AS" + peerAs + ", local "
          + WireText.address(localAddress) + " AS" + localAs + ", " + oldState + " -> " + newState + "]";
    }
  }

  /** A record routemill does not interpret (or could not): its body, copied, and why. */
  record Unsupported(MrtHeader header, byte[] body, String reason) implements MrtMessage {
    @Override
    public String toString() {
      return "Unsupported[" + header + ", " + reason + ", " + body.length + " body bytes]";
    }
  }
}
