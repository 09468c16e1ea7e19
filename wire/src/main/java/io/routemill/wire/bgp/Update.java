package io.routemill.wire.bgp;

import io.routemill.wire.bgp.attr.Attr15MpUnreach;
import io.routemill.wire.bgp.attr.PathAttribute;
import io.routemill.wire.bgp.attr.PathAttributes;
import java.util.List;

/**
 * UPDATE (RFC 4271 §4.3). {@code withdrawn} and {@code announced} are the IPv4 Withdrawn Routes and NLRI
 * fields; other families travel in {@link PathAttributes#mpReach()} / {@link PathAttributes#mpUnreach()}.
 * {@code warnings} holds every problem found (attribute ones included), each with its RFC 7606 action; the
 * message's action is the most severe of them (RFC 7606 §3 h).
 */
public record Update(List<Route> withdrawn, PathAttributes attributes, List<Route> announced,
    List<BgpError> warnings, byte[] raw) implements BgpMessage {

  public Update {
    withdrawn = List.copyOf(withdrawn);
    announced = List.copyOf(announced);
    warnings = List.copyOf(warnings);
  }

  @Override
  public int type() {
    return TYPE_UPDATE;
  }

  /** The most severe RFC 7606 action over all warnings; NONE for a clean message. */
  public Rfc7606Action action() {
    Rfc7606Action a = Rfc7606Action.NONE;
    for (int i = 0, n = warnings.size(); i < n; i++) a = a.max(warnings.get(i).action());
    return a;
  }

  /**
   * RFC 4724 §2 End-of-RIB marker: an UPDATE with nothing in it (IPv4 unicast), or whose only content is an
   * MP_UNREACH_NLRI without NLRI (any other family).
   */
  public boolean isEndOfRib() {
    return endOfRibFamily() != null;
  }

  /** The family an End-of-RIB marker is for, or null if this is not one. */
  public AfiSafi endOfRibFamily() {
    if (!withdrawn.isEmpty() || !announced.isEmpty()) return null;
    List<PathAttribute> all = attributes.all();
    if (all.isEmpty()) return attributes.warnings().isEmpty() ? AfiSafi.IPV4_UNICAST : null;
    if (all.size() == 1 && all.get(0) instanceof Attr15MpUnreach u && !u.hasNlri()) return u.family();
    return null;
  }

  /** Whether its NLRI carry ADD-PATH path ids (judged by the first route of any NLRI field). */
  public boolean hasPathIds() {
    if (!announced.isEmpty()) return announced.get(0).hasPathId();
    if (!withdrawn.isEmpty()) return withdrawn.get(0).hasPathId();
    var reach = attributes.mpReach();
    if (reach != null && !reach.routes().isEmpty()) return reach.routes().get(0).hasPathId();
    var unreach = attributes.mpUnreach();
    return unreach != null && !unreach.routes().isEmpty() && unreach.routes().get(0).hasPathId();
  }

  @Override
  public String toString() {
    return "Update[withdrawn=" + withdrawn + ", " + attributes + ", announced=" + announced
        + (warnings.isEmpty() ? "" : ", warnings=" + warnings) + ", " + raw.length + " bytes]";
  }
}
