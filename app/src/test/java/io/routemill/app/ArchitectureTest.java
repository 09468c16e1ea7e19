package io.routemill.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules: data and dependencies flow one way, wire ← collector ← archiver ← publisher ← app (the
 * publisher serves the archive, so it reads the archiver's index), and no two packages depend on each other. The
 * wire codecs use byte buffers only: no channels, no threads, nothing of Netty's transport.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.routemill");
  }

  @Test
  void wireDependsOnNothingOfRoutemillAndOnNettyBuffersOnly() {
    noClasses().that().resideInAPackage("io.routemill.wire..")
        .should().dependOnClassesThat().resideInAnyPackage("io.routemill.collector..", "io.routemill.archiver..",
            "io.routemill.publisher..", "io.routemill.app..", "io.netty.channel..", "io.netty.handler..",
            "io.netty.bootstrap..", "io.vertx..", "org.apache.hadoop..", "org.apache.parquet..")
        .check(classes);
  }

  @Test
  void collectorDependsOnWireOnly() {
    noClasses().that().resideInAPackage("io.routemill.collector..")
        .should().dependOnClassesThat().resideInAnyPackage("io.routemill.archiver..", "io.routemill.publisher..",
            "io.routemill.app..", "io.vertx..", "org.apache.hadoop..", "org.apache.parquet..")
        .check(classes);
  }

  @Test
  void archiverKnowsNothingOfPublisherOrApp() {
    noClasses().that().resideInAPackage("io.routemill.archiver..")
        .should().dependOnClassesThat().resideInAnyPackage("io.routemill.publisher..", "io.routemill.app..",
            "io.vertx..")
        .check(classes);
  }

  @Test
  void publisherKnowsNothingOfApp() {
    noClasses().that().resideInAPackage("io.routemill.publisher..")
        .should().dependOnClassesThat().resideInAPackage("io.routemill.app..")
        .check(classes);
  }

  /** One ingest path: only the ingest applies UPDATEs and table entries to the RIB's tables. */
  @Test
  void onlyTheIngestWritesRoutesIntoTheRib() {
    noClasses().that().resideOutsideOfPackages("io.routemill.collector.ingest", "io.routemill.collector.rib")
        .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.base.DescribedPredicate.describe("PeerTable.apply or put",
                t -> t.getOwner().isEquivalentTo(io.routemill.collector.rib.PeerTable.class)
                    && (t.getName().equals("apply") || t.getName().equals("put")))))
        .check(classes);
  }

  /** Every package (a codec with its attribute and capability subpackages counts as one) is free of cycles. */
  @Test
  void noPackageCycles() {
    slices().matching("io.routemill.(*).(*)..").should().beFreeOfCycles().check(classes);
  }
}
