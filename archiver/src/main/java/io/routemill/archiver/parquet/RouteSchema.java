package io.routemill.archiver.parquet;

import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.parquet.schema.Types.GroupBuilder;

/**
 * The Parquet schemas of the {@code routes} (one per RIB dump) and {@code updates} (one per rotation interval)
 * tables. Column names and types are a public interface (README-parquet.md); add columns at the end only.
 * Lists use the standard three-level LIST layout, so DuckDB, Spark, pandas/pyarrow read them as lists.
 */
public final class RouteSchema {
  private RouteSchema() {}

  public static final MessageType ROUTES = build("routes", false);
  public static final MessageType UPDATES = build("updates", true);

  /** High-cardinality columns written without a dictionary (it would overflow and fall back anyway). */
  public static final String[] NO_DICTIONARY = {"prefix", "prefix_address", "timestamp"};

  /** List columns: min/max statistics of their elements prune nothing useful. */
  public static final String[] NO_STATISTICS = {"as_path.list.element", "as_path_segments.list.element.type",
      "as_path_segments.list.element.asns.list.element", "communities.list.element",
      "large_communities.list.element", "ext_communities.list.element", "unknown_attributes.list.element",
      "corrections.list.element"};

  private static MessageType build(String name, boolean updates) {
    GroupBuilder<MessageType> b = Types.buildMessage();
    b.required(INT64).as(timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("timestamp");
    b.required(BINARY).as(stringType()).named("collector");
    b.required(BINARY).as(stringType()).named("router");
    b.required(BINARY).as(stringType()).named("peer_address");
    b.required(INT64).named("peer_asn");
    b.optional(BINARY).as(stringType()).named("peer_bgp_id");
    b.required(BINARY).as(stringType()).named("view");
    b.required(INT32).named("afi");
    if (updates) b.required(BINARY).as(stringType()).named("type");
    b.optional(BINARY).as(stringType()).named("prefix");
    b.optional(BINARY).named("prefix_address");
    b.optional(INT32).named("prefix_length");
    b.optional(INT64).named("path_id");
    b.addField(list("as_path", INT64, null));
    b.addField(Types.optionalGroup().as(listType())
        .addField(Types.repeatedGroup()
            .addField(Types.requiredGroup()
                .required(BINARY).as(stringType()).named("type")
                .addField(list("asns", INT64, null, true))
                .named("element"))
            .named("list"))
        .named("as_path_segments"));
    b.optional(INT64).named("origin_asn");
    b.optional(BINARY).as(stringType()).named("origin");
    b.optional(BINARY).as(stringType()).named("next_hop");
    b.optional(INT64).named("local_pref");
    b.optional(INT64).named("med");
    b.addField(list("communities", BINARY, stringType()));
    b.addField(list("large_communities", BINARY, stringType()));
    b.addField(list("ext_communities", BINARY, stringType()));
    b.optional(BOOLEAN).named("atomic_aggregate");
    b.optional(BINARY).as(stringType()).named("aggregator");
    b.optional(INT64).named("otc");
    b.addField(list("unknown_attributes", BINARY, null));
    if (updates) {
      b.optional(INT32).named("old_state");
      b.optional(INT32).named("new_state");
    }
    b.addField(list("corrections", BINARY, stringType()));
    return b.named(name);
  }

  private static Type list(String name, PrimitiveTypeName element, LogicalTypeAnnotation elementType) {
    return list(name, element, elementType, false);
  }

  private static Type list(String name, PrimitiveTypeName element, LogicalTypeAnnotation elementType,
      boolean required) {
    var outer = required ? Types.requiredGroup() : Types.optionalGroup();
    return outer.as(listType())
        .addField(Types.repeatedGroup().addField(Types.required(element).as(elementType).named("element")).named("list"))
        .named(name);
  }
}
