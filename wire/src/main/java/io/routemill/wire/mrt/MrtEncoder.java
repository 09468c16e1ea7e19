package io.routemill.wire.mrt;

import io.routemill.wire.mrt.MrtMessage.BgpMessageRecord;
import io.routemill.wire.mrt.MrtMessage.MrtHeader;
import io.routemill.wire.mrt.MrtMessage.Peer;
import io.routemill.wire.mrt.MrtMessage.PeerIndexTable;
import io.routemill.wire.mrt.MrtMessage.RibEntry;
import io.routemill.wire.mrt.MrtMessage.RibRecord;
import io.routemill.wire.mrt.MrtMessage.StateChange;
import io.routemill.wire.mrt.MrtMessage.TableDump;
import io.routemill.wire.mrt.MrtMessage.Unsupported;
import io.routemill.wire.bgp.Prefix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lays out the body of each {@link MrtMessage} variant as RFC 6396 / RFC 8050 define it, the mirror of
 * {@link MrtDecoder}. Path attributes and BGP messages are written from their original bytes, so a record
 * rewritten by routemill carries exactly what the router sent.
 */
public final class MrtEncoder {
  private MrtEncoder() {}

  /** The record body (after the common header and, for _ET types, after the microsecond field). */
  public static byte[] body(MrtMessage message) {
    Out out = new Out();
    if (message instanceof PeerIndexTable t) {
      out.bytes(t.collectorId());
      byte[] view = t.viewName().getBytes(StandardCharsets.UTF_8);
      out.u16(view.length).bytes(view).u16(t.peers().size());
      for (Peer p : t.peers()) {
        out.u8(p.type()).bytes(p.bgpId()).bytes(p.address());
        if (p.as4()) out.u32(p.asn()); else out.u16((int) p.asn());
      }
    } else if (message instanceof RibRecord r) {
      out.u32(r.sequence());
      if (r.header().subtype() == MrtType.RIB_GENERIC || r.header().subtype() == MrtType.RIB_GENERIC_ADDPATH) {
        out.u16(r.family().afi()).u8(r.family().safi());
      }
      prefix(out, r.prefix());
      out.u16(r.entries().size());
      for (RibEntry e : r.entries()) {
        out.u16(e.peerIndex()).u32(e.originatedTime());
        if (r.addPath()) out.u32(e.pathId());
        out.u16(e.rawAttributes().length).bytes(e.rawAttributes());
      }
    } else if (message instanceof TableDump t) {
      out.u16(t.viewNumber()).u16(t.sequence()).bytes(t.prefix().address()).u8(t.prefix().length())
          .u8(t.status()).u32(t.originatedTime()).bytes(t.peerAddress()).u16((int) t.peerAs())
          .u16(t.rawAttributes().length).bytes(t.rawAttributes());
    } else if (message instanceof BgpMessageRecord m) {
      byte[] raw = m.message().raw();
      if (m.header().type() == MrtType.BGP) {
        out.u16((int) m.peerAs()).bytes(m.peerAddress()).u16((int) m.localAs()).bytes(m.localAddress());
        out.bytes(raw, 19, raw.length - 19); // the deprecated format has no BGP header (§B.2.1)
      } else {
        peers(out, Bgp4mpSubtypes.as4(m.header().subtype()), m.peerAs(), m.localAs(), m.interfaceIndex(), m.afi(),
            m.peerAddress(), m.localAddress());
        out.bytes(raw);
      }
    } else if (message instanceof StateChange s) {
      if (s.header().type() == MrtType.BGP) {
        out.u16((int) s.peerAs()).bytes(s.peerAddress());
      } else if (s.afi() == 0) {
        out.u16((int) s.peerAs()).u16((int) s.localAs()); // old Zebra's 8-byte form
      } else {
        peers(out, s.header().subtype() == MrtType.BGP4MP_STATE_CHANGE_AS4, s.peerAs(), s.localAs(),
            s.interfaceIndex(), s.afi(), s.peerAddress(), s.localAddress());
      }
      out.u16(s.oldState()).u16(s.newState());
    } else if (message instanceof Unsupported u) {
      out.bytes(u.body());
    }
    return out.toByteArray();
  }

  /** The complete record: common header, microseconds for _ET types, body. */
  public static byte[] record(MrtMessage message) {
    MrtHeader h = message.header();
    byte[] body = body(message);
    boolean et = MrtType.isExtendedTimestamp(h.type());
    Out out = new Out();
    out.u32(h.timestamp()).u16(h.type()).u16(h.subtype()).u32(body.length + (et ? 4L : 0L));
    if (et) out.u32(Math.max(h.microseconds(), 0));
    return out.bytes(body).toByteArray();
  }

  private static void peers(Out out, boolean as4, long peerAs, long localAs, int ifIndex, int afi, byte[] peer,
      byte[] local) {
    if (as4) out.u32(peerAs).u32(localAs); else out.u16((int) peerAs).u16((int) localAs);
    out.u16(ifIndex).u16(afi).bytes(peer).bytes(local);
  }

  private static void prefix(Out out, Prefix p) {
    out.u8(p.length()).bytes(p.address(), 0, (p.length() + 7) / 8);
  }

  private static final class Out extends ByteArrayOutputStream {
    Out u8(int v) {
      write(v);
      return this;
    }

    Out u16(int v) {
      write(v >>> 8);
      write(v);
      return this;
    }

    Out u32(long v) {
      u16((int) (v >>> 16) & 0xFFFF);
      return u16((int) v & 0xFFFF);
    }

    Out bytes(byte[] b) {
      write(b, 0, b.length);
      return this;
    }

    Out bytes(byte[] b, int off, int len) {
      write(b, off, len);
      return this;
    }
  }
}
