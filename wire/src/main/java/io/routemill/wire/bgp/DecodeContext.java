package io.routemill.wire.bgp;

import java.util.Set;

/**
 * What one BGP session negotiated that changes how its messages are read (the GoBGP "marshalling option"
 * idea): 4-octet AS numbers in AS_PATH/AGGREGATOR (RFC 6793), ADD-PATH path identifiers per family in the
 * receive direction (RFC 7911 §4 — only the families listed carry a path id; it is never guessed), and
 * whether messages up to 65,535 bytes are allowed (RFC 8654).
 */
public record DecodeContext(boolean fourOctetAs, Set<AfiSafi> addPath, boolean extendedMessage) {
  /** A session that negotiated nothing: 2-octet AS, no ADD-PATH, 4,096-byte messages. */
  public static final DecodeContext DEFAULT = new DecodeContext(false, Set.of(), false);
  /** 4-octet AS, no ADD-PATH, extended messages allowed: what MRT *_AS4 records and BMP peers usually need. */
  public static final DecodeContext AS4 = new DecodeContext(true, Set.of(), true);

  public DecodeContext {
    addPath = Set.copyOf(addPath);
  }

  /** The context for reading what the peer sends us; see {@link SessionCapabilities#receiveContext}. */
  public static DecodeContext negotiate(Open ours, Open theirs) {
    return SessionCapabilities.receiveContext(ours, theirs);
  }

  public boolean addPath(AfiSafi family) {
    return addPath.contains(family);
  }

  public DecodeContext withFourOctetAs(boolean value) {
    return new DecodeContext(value, addPath, extendedMessage);
  }

  public DecodeContext withAddPath(Set<AfiSafi> families) {
    return new DecodeContext(fourOctetAs, families, extendedMessage);
  }

  public DecodeContext withExtendedMessage(boolean value) {
    return new DecodeContext(fourOctetAs, addPath, value);
  }

  /** The largest message the context accepts, header included. */
  public int maxMessageLength() {
    return extendedMessage ? BgpMessage.MAX_EXTENDED_LENGTH : BgpMessage.MAX_LENGTH;
  }
}
