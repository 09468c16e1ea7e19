package io.routemill.collector.event;

import io.routemill.collector.rib.Correction;
import io.routemill.collector.rib.Source;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Notification;
import io.routemill.wire.bgp.Open;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.PathAttributes;
import io.routemill.wire.bmp.InfoTlv;
import io.routemill.wire.bmp.Stat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the collector learned, in order per peer: the one event family that the BMP station, the BGP speaker and
 * the MRT loader produce, that {@link io.routemill.collector.ingest.Ingest} applies to the RIB, and that every
 * consumer (archiver, and later RPKI validation, detectors, the live stream, Kafka) receives. Messages travel
 * decoded, for consumers, and with their original bytes, so archives stay byte-exact.
 *
 * <p>Times are when routemill received the message (MRT: the record's header time), microseconds since the epoch.
 */
public sealed interface RouteEvent {
  long receivedAtMicros();

  /** An event about one peer's table. */
  sealed interface PeerEvent extends RouteEvent {
    PeerIdentity peer();
  }

  /**
   * A BGP UPDATE, decoded (after the router-quirk corrections listed in {@code corrections}) and as received
   * ({@code raw}: the whole message with its 19-byte header).
   *
   * @param addPath whether its NLRI carry ADD-PATH path ids (RFC 7911), as decoded
   */
  record RouteUpdate(PeerIdentity peer, long receivedAtMicros, Update update, byte[] raw, boolean addPath,
      Set<Correction> corrections) implements PeerEvent {
    public RouteUpdate {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(update, "update");
      Objects.requireNonNull(raw, "raw");
      corrections = Set.copyOf(corrections);
    }

    @Override
    public String toString() {
      return "RouteUpdate[" + peer + ", " + update.announced().size() + " announced, " + update.withdrawn().size()
          + " withdrawn (IPv4 fields), " + raw.length + " bytes, corrections " + corrections + "]";
    }
  }

  /** RFC 4724 §2 End-of-RIB for one family: the peer's initial table is complete. {@code raw} is the UPDATE. */
  record EndOfRib(PeerIdentity peer, long receivedAtMicros, AfiSafi family, byte[] raw, boolean addPath)
      implements PeerEvent {
    @Override
    public String toString() {
      return "EndOfRib[" + peer + ", " + family + "]";
    }
  }

  /**
   * The session is Established (BMP Peer Up, RFC 7854 §4.10; a BGP session reaching Established, RFC 4271 §8.2.2).
   *
   * @param sent the OPEN the monitored router (BMP) or routemill (BGP) sent
   * @param received the OPEN the peer sent
   * @param negotiated how the peer's UPDATEs are read (4-octet AS, ADD-PATH families, extended messages)
   * @param previousState the FSM state before Established (1 Idle for BMP, 5 OpenConfirm for BGP)
   */
  record PeerUp(PeerIdentity peer, long receivedAtMicros, Open sent, Open received, DecodeContext negotiated,
      int previousState) implements PeerEvent {}

  /**
   * The session left Established. Its routes are flushed from every view of the peer, unless {@code routesKept}
   * (a BGP session whose peer can restart gracefully: its routes stay, stale, RFC 4724 §4.2). {@code reason} uses
   * RFC 7854 §4.9's codes for BMP and BGP sessions alike; {@code notification} is the NOTIFICATION sent or
   * received, if any; {@code newState} the FSM state the session entered (RFC 4271 §8.2.2: 1 Idle, or what an MRT
   * STATE_CHANGE record says).
   */
  record PeerDown(PeerIdentity peer, long receivedAtMicros, DownReason reason, Optional<Notification> notification,
      String detail, boolean routesKept, int newState) implements PeerEvent {}

  /** Why a session went down (RFC 7854 §4.9 reason codes, RFC 9069 §5.3 for 6). */
  enum DownReason {
    LOCAL_NOTIFICATION(1), LOCAL_NO_NOTIFICATION(2), REMOTE_NOTIFICATION(3), REMOTE_NO_NOTIFICATION(4),
    PEER_DECONFIGURED(5), LOCAL_SYSTEM_CLOSED(6), UNKNOWN(0);

    private final int code;

    DownReason(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static DownReason of(int code) {
      for (DownReason r : values()) {
        if (r.code == code) return r;
      }
      return UNKNOWN;
    }
  }

  /**
   * Another BGP FSM transition of a direct session (RFC 4271 §8.2.2 numbering: 1 Idle … 6 Established), such as
   * OpenSent → OpenConfirm or OpenConfirm → Idle; transitions to and from Established are {@link PeerUp} and
   * {@link PeerDown}.
   */
  record StateChange(PeerIdentity peer, long receivedAtMicros, int oldState, int newState) implements PeerEvent {}

  /** A BMP Statistics Report (RFC 7854 §4.8) about one peer. */
  record Statistics(PeerIdentity peer, long receivedAtMicros, List<Stat> stats) implements PeerEvent {
    public Statistics {
      stats = List.copyOf(stats);
    }
  }

  /**
   * One path of an MRT RIB dump (TABLE_DUMP, TABLE_DUMP_V2 with RFC 8050 ADD-PATH): the prefix, the path id (or
   * {@link io.routemill.wire.bgp.Route#NO_PATH_ID}), its decoded attributes and their bytes as the file holds them.
   *
   * @param originatedSeconds the entry's originated time, epoch seconds
   */
  record TableEntry(PeerIdentity peer, long receivedAtMicros, Prefix prefix, long pathId, PathAttributes attributes,
      long originatedSeconds) implements PeerEvent {}

  /** A BMP router connected and sent its Initiation (RFC 7854 §4.3), or an MRT file started loading. */
  record RouterUp(String router, Source source, long receivedAtMicros, String sysName, String sysDescr,
      List<InfoTlv> info)
      implements RouteEvent {
    public RouterUp {
      info = List.copyOf(info);
    }
  }

  /**
   * A BMP router's connection ended (after a Termination, RFC 7854 §4.5, or not): every table learned through it is
   * flushed.
   */
  record RouterDown(String router, Source source, long receivedAtMicros, String reason) implements RouteEvent {}
}
