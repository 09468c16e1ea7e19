package io.routemill.collector.ingest;

import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FRR 8.x prepends its own AS to the AS_PATH of every route it reports in its Adj-RIB-In views over BMP
 * (a bug fixed in later FRR releases): a route received from eBGP peer 65020 as {@code 65020 2905} is
 * reported as {@code 65010 65020 2905} by FRR in AS 65010, while FRR's own {@code show bgp} shows
 * {@code 65020 2905}. The Adj-RIB-In must show what the peer sent, so routemill removes that one leading AS
 * when all of these hold: the router's sysDescr says FRRouting, the view is Adj-RIB-In (pre or post policy),
 * the peer is eBGP (its AS differs from the router's own, from the Peer Up's sent OPEN), and the path starts
 * with an AS_SEQUENCE beginning with the router's AS. The message bytes stay as received (archives are
 * byte-exact); only the RIB's reading changes. A route of that peer that does not start with the router's
 * AS means this FRR does not have the bug: the correction is then switched off for that peer.
 */
final class FrrOwnAsPrepend {
  private FrrOwnAsPrepend() {}

  /** True when the router is FRR and the message is an eBGP Adj-RIB-In route that may carry the extra AS. */
  static boolean applies(String sysDescr, boolean adjRibIn, long peerAs, long localAs) {
    return sysDescr != null && sysDescr.startsWith("FRRouting") && adjRibIn && localAs != 0 && peerAs != localAs;
  }

  /** Whether the UPDATE announces routes whose AS_PATH does not start with {@code localAs}. */
  static boolean contradicts(Update update, long localAs) {
    Attr02AsPath path = update.attributes().asPath();
    if (path == null || !announces(update)) return false;
    List<AsPathSegment> segments = path.segments();
    return segments.isEmpty() || segments.get(0).type() != AsPathSegment.AS_SEQUENCE
        || segments.get(0).asns().length == 0 || segments.get(0).asns()[0] != localAs;
  }

  /** The UPDATE with the leading {@code localAs} removed from its AS_PATH (the caller checked it is there). */
  static Update strip(Update update, long localAs) {
    PathAttributes attrs = update.attributes();
    List<PathAttribute> all = new ArrayList<>(attrs.all().size());
    for (PathAttribute a : attrs.all()) {
      if (a instanceof Attr02AsPath p && p == attrs.asPath()) {
        List<AsPathSegment> segments = new ArrayList<>(p.segments());
        long[] first = segments.get(0).asns();
        if (first.length == 1) {
          segments.remove(0);
        } else {
          segments.set(0, new AsPathSegment(AsPathSegment.AS_SEQUENCE, Arrays.copyOfRange(first, 1, first.length)));
        }
        all.add(new Attr02AsPath(p.flags(), segments));
      } else {
        all.add(a);
      }
    }
    PathAttributes stripped = new PathAttributes(all, attrs.warnings(), attrs.fourOctetAs());
    return new Update(update.withdrawn(), stripped, update.announced(), update.warnings(), update.raw());
  }

  private static boolean announces(Update update) {
    return !update.announced().isEmpty()
        || (update.attributes().mpReach() != null && !update.attributes().mpReach().routes().isEmpty());
  }
}
