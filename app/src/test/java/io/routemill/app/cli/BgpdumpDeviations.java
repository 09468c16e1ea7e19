package io.routemill.app.cli;

import io.routemill.wire.mrt.*;

import io.routemill.wire.bgp.Prefix;

/**
 * The places where Debian's bgpdump 1.6.2 prints something wrong and routemill prints the right value.
 * Each case names the bug and why routemill's line is right; a difference not explained here fails the
 * compatibility test.
 */
final class BgpdumpDeviations {
  private BgpdumpDeviations() {}

  static boolean explains(String file, String bgpdumpLine, String routemillLine) {
    return hostBitsMasked(bgpdumpLine, routemillLine)
        || legacyWithdrawalShowsPrefix(bgpdumpLine, routemillLine)
        || legacyAnnouncementKeepsSeparator(bgpdumpLine, routemillLine)
        || malformedAggregatorDiscarded(file, bgpdumpLine, routemillLine);
  }

  /**
   * bgpdump prints NLRI host bits (11.13.0.0/13 in updates.nlri_mask_trailing_bits.gz). RFC 4271 §4.3 makes
   * trailing bits irrelevant; routemill prints the canonical prefix (11.8.0.0/13), as upstream bgpdump's own
   * test_expect now does.
   */
  static boolean hostBitsMasked(String theirs, String ours) {
    String[] t = theirs.split("\\|", -1);
    String[] o = ours.split("\\|", -1);
    if (t.length != o.length || t.length < 6) return false;
    boolean maskedSomething = false;
    for (int i = 0; i < t.length; i++) {
      if (t[i].equals(o[i])) continue;
      if (i != 5 || !t[i].contains("/")) return false;
      if (!Prefix.parse(t[i]).toString().equals(o[i])) return false;
      maskedSomething = true;
    }
    return maskedSomething;
  }

  /**
   * In deprecated type 5 (BGP) withdrawals bgpdump prints the peer address in place of the withdrawn
   * prefix's address (two inet_ntoa() calls share one static buffer): {@code BGP|t|W|206.251.0.85|3549|
   * 206.251.0.85/21}. routemill prints the withdrawn prefix, with the same length.
   */
  static boolean legacyWithdrawalShowsPrefix(String theirs, String ours) {
    String[] t = theirs.split("\\|", -1);
    String[] o = ours.split("\\|", -1);
    if (t.length != 6 || o.length != 6 || !t[0].equals("BGP") || !t[2].equals("W")) return false;
    for (int i = 0; i < 5; i++) if (!t[i].equals(o[i])) return false;
    String[] tp = t[5].split("/");
    String[] op = o[5].split("/");
    return tp[0].equals(t[3]) && tp[1].equals(op[1]) && Prefix.parse(o[5]).toString().equals(o[5]);
  }

  /**
   * In deprecated type 5 (BGP) announcements bgpdump leaves out the '|' between MED and communities (and the
   * whole communities field when there are none), so those lines have 14 fields instead of 15. routemill
   * prints the same 15 fields as for every other announcement.
   */
  static boolean legacyAnnouncementKeepsSeparator(String theirs, String ours) {
    if (!theirs.startsWith("BGP|") || !ours.startsWith("BGP|")) return false;
    String[] o = ours.split("\\|", -1);
    if (o.length != 15 || !o[2].equals("A")) return false;
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < o.length; i++) {
      if (i > 0 && i != 11) joined.append('|');
      joined.append(o[i]);
    }
    return joined.toString().equals(theirs);
  }

  /**
   * OpenBGPD wrote 8-byte (4-octet AS) AGGREGATORs into legacy TABLE_DUMP records, whose attributes are
   * 2-octet. bgpdump reads the first two bytes as the AS and the next four as the address ("0
   * 253.232.192.168"); RFC 7606 §7.7 says an AGGREGATOR of the wrong length is discarded, so routemill prints
   * no aggregator there (the TABLE_DUMP_V2 dump of the same RIB shows the real one, 65000 192.168.0.15).
   */
  static boolean malformedAggregatorDiscarded(String file, String theirs, String ours) {
    if (!file.equals("mrtparse/openbgpd_rib_table")) return false;
    String[] t = theirs.split("\\|", -1);
    String[] o = ours.split("\\|", -1);
    if (t.length != o.length || t.length != 15 || !o[13].isEmpty() || !t[13].startsWith("0 ")) return false;
    for (int i = 0; i < t.length; i++) if (i != 13 && !t[i].equals(o[i])) return false;
    return true;
  }
}
