package io.routemill.collector.stream;

import java.util.NoSuchElementException;

/**
 * A growable FIFO of primitive longs, the enqueue times kept beside a subscriber's {@code ArrayDeque} of
 * events so that no event needs wrapping. Not thread-safe: its owner guards it.
 */
final class LongRing {
  private long[] values = new long[16];
  private int head;
  private int size;

  int size() {
    return size;
  }

  void addLast(long value) {
    if (size == values.length) grow();
    values[(head + size) & (values.length - 1)] = value;
    size++;
  }

  long peekFirst() {
    if (size == 0) throw new NoSuchElementException();
    return values[head];
  }

  long pollFirst() {
    long value = peekFirst();
    head = (head + 1) & (values.length - 1);
    size--;
    return value;
  }

  /** Doubles the capacity (always a power of two, so positions wrap with a mask), unrolling the ring. */
  private void grow() {
    if (values.length > (1 << 29)) throw new IllegalStateException("ring full");
    long[] bigger = new long[values.length * 2];
    int firstPart = values.length - head;
    System.arraycopy(values, head, bigger, 0, firstPart);
    System.arraycopy(values, 0, bigger, firstPart, head);
    values = bigger;
    head = 0;
  }
}
