package io.routemill.wire.bgp;

import io.netty.buffer.ByteBuf;
import java.util.Set;

/**
 * Decoding for data whose ADD-PATH state is declared by someone else and is sometimes wrong: BMP routers
 * (GoBGP omits path ids in post-policy and Loc-RIB views of ADD-PATH sessions) and MRT writers (BIRD puts
 * path ids into records whose subtype says there are none).
 *
 * <p>The declared context always wins when it decodes cleanly. Only when an UPDATE decoded under it has
 * problems (RFC 7606 actions other than NONE) and the same bytes decode with no problem at all under the
 * opposite ADD-PATH setting is the second reading used; the caller is told, so it can count it. A message
 * that is clean under neither keeps its first reading and its warnings: nothing is half-applied by guessing.
 */
public final class AddPathFallback {
  private static final Set<AfiSafi> IP_FAMILIES = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV4_MULTICAST,
      AfiSafi.IPV6_UNICAST, AfiSafi.IPV6_MULTICAST);

  private AddPathFallback() {}

  /** The message and whether it was read with the ADD-PATH setting opposite to the declared one. */
  public record Decoded(BgpMessage message, boolean addPathFlipped) {}

  public static Decoded decode(ByteBuf buf, DecodeContext declared) {
    int start = buf.readerIndex();
    BgpMessage first = BgpMessageDecoder.decode(buf, declared);
    if (!(first instanceof Update update) || update.action() == Rfc7606Action.NONE) {
      return new Decoded(first, false);
    }
    int end = buf.readerIndex();
    buf.readerIndex(start);
    BgpMessage second = BgpMessageDecoder.decode(buf, opposite(declared));
    if (second instanceof Update other && other.action() == Rfc7606Action.NONE) {
      return new Decoded(second, true);
    }
    buf.readerIndex(end);
    return new Decoded(first, false);
  }

  /** No ADD-PATH where the context had some, ADD-PATH for every IP family where it had none. */
  public static DecodeContext opposite(DecodeContext ctx) {
    return ctx.withAddPath(ctx.addPath().isEmpty() ? IP_FAMILIES : Set.of());
  }
}
