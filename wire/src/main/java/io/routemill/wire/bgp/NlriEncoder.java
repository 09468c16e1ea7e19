package io.routemill.wire.bgp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Writes NLRI as {@link NlriDecoder} reads it; with ADD-PATH a route without a path id gets id 0. */
public final class NlriEncoder {
  private NlriEncoder() {}

  public static void write(ByteBuf out, List<Route> routes, boolean addPath) {
    for (int i = 0, n = routes.size(); i < n; i++) {
      Route r = routes.get(i);
      if (addPath) out.writeInt(r.hasPathId() ? (int) r.pathId() : 0);
      Prefix p = r.prefix();
      out.writeByte(p.length());
      out.writeBytes(p.address(), 0, (p.length() + 7) >>> 3);
    }
  }

  /** The number of bytes {@link #write} produces. */
  public static int length(List<Route> routes, boolean addPath) {
    int len = 0;
    for (int i = 0, n = routes.size(); i < n; i++) {
      len += 1 + ((routes.get(i).prefix().length() + 7) >>> 3) + (addPath ? 4 : 0);
    }
    return len;
  }
}
