package io.routemill.collector.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class LongRingTest {
  @Test
  void keepsFifoOrderAcrossWrapAroundAndGrowth() {
    LongRing ring = new LongRing();
    long added = 0;
    long taken = 0;
    // Interleave so the head wraps around before and after each doubling.
    for (int round = 1; round <= 200; round++) {
      for (int i = 0; i < round; i++) ring.addLast(added++);
      for (int i = 0; i < round / 2; i++) {
        assertEquals(taken, ring.peekFirst());
        assertEquals(taken++, ring.pollFirst());
      }
      assertEquals(added - taken, ring.size());
    }
    while (ring.size() > 0) assertEquals(taken++, ring.pollFirst());
    assertEquals(added, taken);
    assertThrows(NoSuchElementException.class, ring::pollFirst);
  }
}
