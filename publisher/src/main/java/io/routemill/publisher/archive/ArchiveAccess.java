package io.routemill.publisher.archive;

import io.routemill.archiver.archive.Archiver;

/**
 * Implemented by the query the API serves when the service archives: the API then also serves
 * {@code GET /api/v1/archive} and the files under {@code /archive/}.
 */
public interface ArchiveAccess {
  Archiver archiver();
}
