package io.routemill.archiver.archive;

import io.routemill.wire.mrt.MrtType;
import io.routemill.wire.bgp.AfiSafi;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Lays out the MRT records the archiver writes (RFC 6396, RFC 8050) straight into a reusable buffer: BGP4MP(_ET)
 * MESSAGE(_AS4)(_ADDPATH) with the UPDATE's bytes as received, STATE_CHANGE_AS4, and TABLE_DUMP_V2's
 * PEER_INDEX_TABLE and RIB records.
 */
final class MrtRecords {
  byte[] buf = new byte[1 << 16];
  int n;

  void reset() {
    n = 0;
  }

  void ensure(int more) {
    if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
  }

  MrtRecords u8(int v) {
    ensure(1);
    buf[n++] = (byte) v;
    return this;
  }

  MrtRecords u16(int v) {
    ensure(2);
    buf[n++] = (byte) (v >>> 8);
    buf[n++] = (byte) v;
    return this;
  }

  MrtRecords u32(long v) {
    ensure(4);
    buf[n++] = (byte) (v >>> 24);
    buf[n++] = (byte) (v >>> 16);
    buf[n++] = (byte) (v >>> 8);
    buf[n++] = (byte) v;
    return this;
  }

  MrtRecords bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  MrtRecords bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, n, len);
    n += len;
    return this;
  }

  /** Starts a record: common header with a length placeholder; returns the header's offset. */
  int header(long seconds, int type, int subtype, int microseconds) {
    int at = n;
    u32(seconds).u16(type).u16(subtype).u32(0);
    if (MrtType.isExtendedTimestamp(type)) u32(microseconds);
    return at;
  }

  /** Fills in the length of the record started at {@code at}. */
  void finish(int at) {
    long length = n - at - 12;
    buf[at + 8] = (byte) (length >>> 24);
    buf[at + 9] = (byte) (length >>> 16);
    buf[at + 10] = (byte) (length >>> 8);
    buf[at + 11] = (byte) length;
  }

  /**
   * BGP4MP(_ET) MESSAGE_AS4 (or MESSAGE for 2-octet sessions, whose AS_PATHs have 2-octet AS numbers), the
   * _ADDPATH subtype under ADD-PATH (RFC 8050 §3).
   */
  void message(long micros, boolean et, boolean as4, boolean addPath, long peerAs, long localAs, byte[] peer,
      byte[] local, byte[] message) {
    int subtype = as4 ? (addPath ? MrtType.BGP4MP_MESSAGE_AS4_ADDPATH : MrtType.BGP4MP_MESSAGE_AS4)
        : (addPath ? MrtType.BGP4MP_MESSAGE_ADDPATH : MrtType.BGP4MP_MESSAGE);
    int at = header(Math.floorDiv(micros, 1_000_000), et ? MrtType.BGP4MP_ET : MrtType.BGP4MP, subtype,
        Math.floorMod(micros, 1_000_000));
    peers(as4, peerAs, localAs, peer, local);
    bytes(message);
    finish(at);
  }

  void stateChange(long micros, boolean et, long peerAs, long localAs, byte[] peer, byte[] local, int oldState,
      int newState) {
    int at = header(Math.floorDiv(micros, 1_000_000), et ? MrtType.BGP4MP_ET : MrtType.BGP4MP,
        MrtType.BGP4MP_STATE_CHANGE_AS4, Math.floorMod(micros, 1_000_000));
    peers(true, peerAs, localAs, peer, local);
    u16(oldState).u16(newState);
    finish(at);
  }

  private void peers(boolean as4, long peerAs, long localAs, byte[] peer, byte[] local) {
    if (as4) {
      u32(peerAs).u32(localAs);
    } else {
      u16(as2(peerAs)).u16(as2(localAs));
    }
    u16(0).u16(peer.length == 4 ? AfiSafi.AFI_IPV4 : AfiSafi.AFI_IPV6).bytes(peer).bytes(local);
  }

  private static int as2(long as) {
    return as > 0xFFFF ? 23456 : (int) as; // AS_TRANS (RFC 6793 §9)
  }

  /** The address of an IP literal; {@code fallbackLength} zero bytes when it is empty or not one. */
  static byte[] address(String literal, int fallbackLength) {
    if (literal != null && !literal.isEmpty() && (literal.indexOf(':') >= 0 || Character.isDigit(literal.charAt(0)))) {
      try {
        return InetAddress.getByName(literal).getAddress(); // a literal: no lookup
      } catch (UnknownHostException e) {
        // fall through
      }
    }
    return new byte[fallbackLength];
  }
}
