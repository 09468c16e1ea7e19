package io.routemill.wire.mrt;

/** Properties of the BGP4MP MESSAGE subtypes (RFC 6396 §4.4, RFC 8050 §3). */
final class Bgp4mpSubtypes {
  private Bgp4mpSubtypes() {}

  static boolean as4(int subtype) {
    return subtype == MrtType.BGP4MP_MESSAGE_AS4 || subtype == MrtType.BGP4MP_MESSAGE_AS4_LOCAL
        || subtype == MrtType.BGP4MP_MESSAGE_AS4_ADDPATH || subtype == MrtType.BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH
        || subtype == MrtType.BGP4MP_STATE_CHANGE_AS4;
  }

  static boolean addPath(int subtype) {
    return subtype >= MrtType.BGP4MP_MESSAGE_ADDPATH && subtype <= MrtType.BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
  }

  static boolean local(int subtype) {
    return subtype == MrtType.BGP4MP_MESSAGE_LOCAL || subtype == MrtType.BGP4MP_MESSAGE_AS4_LOCAL
        || subtype == MrtType.BGP4MP_MESSAGE_LOCAL_ADDPATH || subtype == MrtType.BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH;
  }
}
