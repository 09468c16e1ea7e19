package io.routemill.wire.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.routemill.wire.bgp.UnknownMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuzz targets' text-form check: it must catch a default array text and nothing else. */
class PrintableCheckTest {
  record Holder(String name, List<Object> items) {}

  record RawHolder(byte[] raw) {}

  @Test
  void aByteArrayPrintedByIdentityIsCaught() {
    assertThrows(AssertionError.class, () -> FuzzSeeds.printable(new Holder("x", List.of(new RawHolder(new byte[3])))));
  }

  @Test
  void inputTextThatLooksLikeAnArrayIsNot() {
    assertDoesNotThrow(() -> FuzzSeeds.printable(new Holder("view [B@1b6d3586", List.of())));
    assertDoesNotThrow(() -> FuzzSeeds.printable(new UnknownMessage(99, new byte[40])));
  }
}
