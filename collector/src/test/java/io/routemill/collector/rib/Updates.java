package io.routemill.collector.rib;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.routemill.wire.bgp.AfiSafi;
import io.routemill.wire.bgp.BgpError;
import io.routemill.wire.bgp.BgpMessageDecoder;
import io.routemill.wire.bgp.BgpMessageEncoder;
import io.routemill.wire.bgp.DecodeContext;
import io.routemill.wire.bgp.Prefix;
import io.routemill.wire.bgp.Rfc7606Action;
import io.routemill.wire.bgp.Route;
import io.routemill.wire.bgp.Update;
import io.routemill.wire.bgp.attr.Attr01Origin;
import io.routemill.wire.bgp.attr.Attr02AsPath;
import io.routemill.wire.bgp.attr.Attr03NextHop;
import io.routemill.wire.bgp.attr.Attr04Med;
import io.routemill.wire.bgp.attr.Attr14MpReach;
import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import io.routemill.wire.bgp.attr.AsPathSegment;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.util.ArrayList;
import java.util.List;

/** Builders of UPDATEs for the RIB tests. */
public final class Updates {
  private Updates() {}

  public static Route r(String prefix) {
    return Route.of(Prefix.parse(prefix));
  }

  public static Route r(String prefix, long pathId) {
    return new Route(Prefix.parse(prefix), pathId);
  }

  public static List<PathAttribute> attrs(long med, long... path) {
    return new ArrayList<>(List.of(new Attr01Origin(Attr01Origin.IGP),
        new Attr02AsPath(List.of(AsPathSegment.sequence(path))),
        new Attr03NextHop(new byte[] {10, 0, 0, 1}), new Attr04Med(med)));
  }

  /** IPv4 announcement (NLRI field) with the given attributes. */
  public static Update announce(List<PathAttribute> attrs, Route... routes) {
    List<Route> v4 = new ArrayList<>();
    List<Route> v6 = new ArrayList<>();
    for (Route r : routes) (r.prefix().isIpv4() ? v4 : v6).add(r);
    List<PathAttribute> all = new ArrayList<>(attrs);
    if (!v6.isEmpty()) {
      byte[] nh = Prefix.parse("2001:db8::1/128").address();
      all.add(new Attr14MpReach(AfiSafi.IPV6_UNICAST, nh, v6, null));
    }
    return new Update(List.of(), new PathAttributes(all, List.of(), true), v4, List.of(), new byte[0]);
  }

  public static Update withdraw(Route... routes) {
    List<Route> v4 = new ArrayList<>();
    List<Route> v6 = new ArrayList<>();
    for (Route r : routes) (r.prefix().isIpv4() ? v4 : v6).add(r);
    List<PathAttribute> all = new ArrayList<>();
    if (!v6.isEmpty()) all.add(new Attr15MpUnreach(AfiSafi.IPV6_UNICAST, v6, null));
    return new Update(v4, new PathAttributes(all, List.of(), true), List.of(), List.of(), new byte[0]);
  }

  /** The same UPDATE with a warning of the given RFC 7606 action. */
  public static Update withAction(Update u, Rfc7606Action action) {
    return new Update(u.withdrawn(), u.attributes(), u.announced(),
        List.of(new BgpError(BgpError.UPDATE_MESSAGE_ERROR, BgpError.MALFORMED_AS_PATH, action, 0, "test")),
        u.raw());
  }

  /** Encodes and decodes again, as a session would deliver it. */
  public static Update wire(Update u, DecodeContext ctx) {
    ByteBuf buf = Unpooled.buffer();
    try {
      BgpMessageEncoder.writeUpdate(buf, u.withdrawn(), u.attributes().all(), u.announced(), ctx);
      return (Update) BgpMessageDecoder.decode(buf, ctx);
    } finally {
      buf.release();
    }
  }
}
