package io.routemill.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition to hold, polling; fails with a description of the last state on timeout. */
public final class Await {
  private Await() {}

  public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("condition not met within " + timeout + ": " + state.get());
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, 50_000_000);
    }
  }
}
