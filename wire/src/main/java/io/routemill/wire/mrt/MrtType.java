package io.routemill.wire.mrt;

/** MRT record type and subtype codes (RFC 6396 §4, RFC 8050 §3–4, and the deprecated types of §B). */
public final class MrtType {
  private MrtType() {}

  // Deprecated types (RFC 6396 Appendix B); read only.
  public static final int NULL = 0;
  public static final int START = 1;
  public static final int DIE = 2;
  public static final int I_AM_DEAD = 3;
  public static final int PEER_DOWN = 4;
  public static final int BGP = 5;
  public static final int RIP = 6;
  public static final int IDRP = 7;
  public static final int RIPNG = 8;
  public static final int BGP4PLUS = 9;
  public static final int BGP4PLUS_01 = 10;

  public static final int OSPFV2 = 11;
  public static final int TABLE_DUMP = 12;
  public static final int TABLE_DUMP_V2 = 13;
  public static final int BGP4MP = 16;
  public static final int BGP4MP_ET = 17;
  public static final int ISIS = 32;
  public static final int ISIS_ET = 33;
  public static final int OSPFV3 = 48;
  public static final int OSPFV3_ET = 49;

  // TABLE_DUMP subtypes are the AFI.
  public static final int TABLE_DUMP_AFI_IPV4 = 1;
  public static final int TABLE_DUMP_AFI_IPV6 = 2;

  // TABLE_DUMP_V2 subtypes (RFC 6396 §4.3, RFC 8050 §4).
  public static final int PEER_INDEX_TABLE = 1;
  public static final int RIB_IPV4_UNICAST = 2;
  public static final int RIB_IPV4_MULTICAST = 3;
  public static final int RIB_IPV6_UNICAST = 4;
  public static final int RIB_IPV6_MULTICAST = 5;
  public static final int RIB_GENERIC = 6;
  public static final int RIB_IPV4_UNICAST_ADDPATH = 8;
  public static final int RIB_IPV4_MULTICAST_ADDPATH = 9;
  public static final int RIB_IPV6_UNICAST_ADDPATH = 10;
  public static final int RIB_IPV6_MULTICAST_ADDPATH = 11;
  public static final int RIB_GENERIC_ADDPATH = 12;

  // BGP4MP / BGP4MP_ET subtypes (RFC 6396 §4.4, RFC 8050 §3).
  public static final int BGP4MP_STATE_CHANGE = 0;
  public static final int BGP4MP_MESSAGE = 1;
  public static final int BGP4MP_ENTRY = 2;
  public static final int BGP4MP_SNAPSHOT = 3;
  public static final int BGP4MP_MESSAGE_AS4 = 4;
  public static final int BGP4MP_STATE_CHANGE_AS4 = 5;
  public static final int BGP4MP_MESSAGE_LOCAL = 6;
  public static final int BGP4MP_MESSAGE_AS4_LOCAL = 7;
  public static final int BGP4MP_MESSAGE_ADDPATH = 8;
  public static final int BGP4MP_MESSAGE_AS4_ADDPATH = 9;
  public static final int BGP4MP_MESSAGE_LOCAL_ADDPATH = 10;
  public static final int BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH = 11;

  // Deprecated BGP (type 5) subtypes (RFC 6396 §B.2.1).
  public static final int BGP_NULL = 0;
  public static final int BGP_UPDATE = 1;
  public static final int BGP_PREF_UPDATE = 2;
  public static final int BGP_STATE_CHANGE = 3;
  public static final int BGP_SYNC = 4;
  public static final int BGP_OPEN = 5;
  public static final int BGP_NOTIFY = 6;
  public static final int BGP_KEEPALIVE = 7;

  public static boolean isExtendedTimestamp(int type) {
    return type == BGP4MP_ET || type == ISIS_ET || type == OSPFV3_ET;
  }
}
