package io.routemill.publisher.archive;

import io.routemill.archiver.archive.ArchiveIndex;
import io.routemill.archiver.archive.Archiver;
import io.routemill.publisher.http.ApiError;
import io.routemill.publisher.http.ErrorResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The archive over HTTP:
 * <ul>
 *   <li>{@code GET /api/v1/archive?from=T&to=T&kind=updates|rib&format=mrt|parquet}: the index (files overlapping
 *       [from, to), and the missed intervals), each file with its download URL. Times are ISO-8601
 *       ({@code 2025-03-01T08:00:00Z}) or dates ({@code 2025-03-01}).
 *   <li>{@code GET|HEAD /archive/PATH}: a published file (or {@code index.json}), with its content type
 *       ({@code application/gzip}, {@code application/vnd.apache.parquet}, {@code application/json}), its length,
 *       and single byte-range requests (206 / 416, read as RFC 9110 §14 says: {@link ByteRange}). Paths with
 *       {@code ..}, hidden names (temporary files) or anything outside the archive root are refused; symbolic links
 *       are not followed out of it; a path that is not valid percent-encoding is a 400.
 * </ul>
 * Files are served from {@code file:} roots; for other file systems the listing works and downloads answer 501.
 */
public final class ArchiveRoutes {
  static final Set<String> LIST_PARAMETERS = Set.of("from", "to", "kind", "format");

  private ArchiveRoutes() {}

  /** {@code GET /api/v1/archive}: the index. */
  public static void list(RoutingContext ctx, Archiver archiver) {
    MultiMap params = ctx.queryParams();
    for (String name : params.names()) {
      if (!LIST_PARAMETERS.contains(name)) {
        throw ApiError.badParameter(name, "unknown parameter '" + name + "'; known: from, to, kind, format");
      }
    }
    Instant from = time(params, "from");
    Instant to = time(params, "to");
    String kind = params.get("kind");
    if (kind != null && !kind.equals("updates") && !kind.equals("rib")) {
      throw ApiError.badParameter("kind", "kind must be 'updates' or 'rib'");
    }
    String format = params.get("format");
    if (format != null && !format.equals("mrt") && !format.equals("parquet")) {
      throw ApiError.badParameter("format", "format must be 'mrt' or 'parquet'");
    }
    ArchiveIndex index = archiver.index();
    JsonArray files = new JsonArray();
    for (ArchiveIndex.Entry e : index.find(from, to, kind, format)) {
      files.add(new JsonObject().put("path", e.path()).put("url", "/archive/" + e.path()).put("kind", e.kind())
          .put("format", e.format()).put("collector", e.collector()).put("start", e.start().toString())
          .put("end", e.end().toString()).put("records", e.records()).put("bytes", e.bytes()).put("sha256", e.sha256()));
    }
    JsonArray missed = new JsonArray();
    for (ArchiveIndex.Missed m : index.missed()) {
      if (kind != null && !kind.equals(m.kind())) continue;
      if (format != null && !format.equals(m.format())) continue;
      if (to != null && !m.start().isBefore(to)) continue;
      if (from != null && m.end().isBefore(from)) continue;
      missed.add(new JsonObject().put("kind", m.kind()).put("format", m.format()).put("collector", m.collector())
          .put("start", m.start().toString()).put("end", m.end().toString()).put("error", m.error())
          .put("at", m.at().toString()));
    }
    JsonObject body = new JsonObject().put("collector", archiver.settings().collector()).put("files", files)
        .put("missed", missed);
    ctx.response().setStatusCode(200).putHeader("content-type", "application/json; charset=utf-8")
        .end(body.toBuffer());
  }

  private static Instant time(MultiMap params, String name) {
    String v = params.get(name);
    if (v == null) return null;
    try {
      if (v.length() == 10) return LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC)
          .toInstant();
      return Instant.parse(v);
    } catch (DateTimeException e) {
      throw ApiError.badParameter(name, name + " must be an ISO-8601 time (2025-03-01T08:00:00Z) or date (2025-03-01)");
    }
  }

  /** {@code GET|HEAD /archive/PATH}: one file. */
  public static void file(RoutingContext ctx, Archiver archiver) {
    HttpServerRequest req = ctx.request();
    if (!"file".equals(archiver.settings().root().getScheme())) {
      throw new ApiError(501, "downloads are served only from a file: archive root", null);
    }
    String raw = req.path().substring("/archive/".length());
    String rel;
    try {
      rel = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "bad path encoding", null);
    }
    if (rel.isEmpty() || rel.indexOf('\0') >= 0 || rel.indexOf('\\') >= 0 || rel.startsWith("/")) {
      throw notFound(rel);
    }
    for (String segment : rel.split("/", -1)) {
      if (segment.isEmpty() || segment.startsWith(".")) throw notFound(rel); // .., ., hidden and temporary files
    }
    Path root = Path.of(archiver.settings().root()).toAbsolutePath().normalize();
    Path file = root.resolve(rel).normalize();
    try {
      if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || !file.toRealPath().startsWith(root.toRealPath())) {
        throw notFound(rel);
      }
    } catch (IOException e) {
      throw notFound(rel);
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw notFound(rel);
    }
    HttpServerResponse res = ctx.response();
    res.putHeader("accept-ranges", "bytes");
    ByteRange range = ByteRange.of(req.getHeader("range"), size);
    if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
      res.putHeader("content-range", "bytes */" + size);
      ErrorResponse.send(res, 416, "range not satisfiable: " + rel + " has " + size + " bytes", null);
      return;
    }
    res.putHeader("content-type", contentType(file.getFileName().toString()));
    long offset = 0;
    long length = size;
    if (range.kind() == ByteRange.Kind.PART) {
      offset = range.first();
      length = range.length();
      res.setStatusCode(206).putHeader("content-range", "bytes " + range.first() + "-" + range.last() + "/" + size);
    } else {
      res.setStatusCode(200);
    }
    if (req.method() == HttpMethod.HEAD) {
      res.putHeader("content-length", Long.toString(length)).end();
      return;
    }
    res.sendFile(file.toString(), offset, length);
  }

  static String contentType(String name) {
    if (name.endsWith(".gz")) return "application/gzip";
    if (name.endsWith(".parquet")) return "application/vnd.apache.parquet";
    if (name.endsWith(".json")) return "application/json; charset=utf-8";
    return "application/octet-stream";
  }

  private static ApiError notFound(String rel) {
    return new ApiError(404, "no such archive file: " + rel, null);
  }
}
