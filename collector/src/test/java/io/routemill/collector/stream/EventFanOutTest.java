package io.routemill.collector.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.routemill.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventFanOutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** A consumer that needs one permit per event, so a test decides when each event gets through. */
  private static final class Gate implements Consumer<Integer> {
    private final Semaphore permits = new Semaphore(0);
    final List<Integer> seen = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(Integer n) {
      permits.acquireUninterruptibly();
      seen.add(n);
    }

    void open(int events) {
      permits.release(events);
    }

    void openForever() {
      permits.release(1 << 24);
    }
  }

  private static SubscriberStats stats(EventFanOut<?> fanOut, String name) {
    return fanOut.stats().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static void awaitDelivered(EventFanOut<?> fanOut, String name, long delivered) {
    Await.until(() -> stats(fanOut, name).delivered() == delivered, TIMEOUT, () -> fanOut.stats().toString());
  }

  private static List<Integer> upTo(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void deliversEveryEventInOrderToEachConsumer() {
    List<List<Integer>> seen = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    EventFanOut<Integer> fanOut = new EventFanOut<>(List.of(
        Subscriber.of("a", seen.get(0)::add, 1 << 16),
        Subscriber.of("b", seen.get(1)::add, 1 << 16),
        Subscriber.of("c", seen.get(2)::add, 1 << 16)));
    for (int i = 0; i < 20_000; i++) fanOut.publish(i);
    fanOut.close(); // joins the consumer threads: their lists are safe to read
    for (List<Integer> list : seen) assertEquals(upTo(20_000), list);
  }

  @Test
  void blockedConsumerPausesProducersWhileTheOthersReceiveEverything() {
    Gate slow = new Gate();
    List<Integer> fast = Collections.synchronizedList(new ArrayList<>());
    EventFanOut<Integer> fanOut = new EventFanOut<>(List.of(
        Subscriber.of("slow", slow, 10), Subscriber.of("fast", fast::add, 1000)), () -> 0L); // ages stay 0
    try {
      int published = 0;
      while (fanOut.publish(published)) published++;
      published++;
      // The event the slow consumer is stuck on still counts as queued: the 10th publish is the first refused.
      assertEquals(10, published, "paused at the slow queue's high water");
      // Producers finish what they have already read: overshoot, each publish still refused and counted.
      assertFalse(fanOut.publish(published++));
      assertFalse(fanOut.publish(published++));

      Await.until(() -> fast.size() == 12, TIMEOUT, fast::toString);
      assertEquals(upTo(12), fast, "the fast consumer is not held up by the slow one");
      assertEquals(new SubscriberStats("slow", 12, 10, 0, 0, 3, 0), stats(fanOut, "slow"));
      assertEquals(0, stats(fanOut, "fast").pauses());

      AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
      CountDownLatch resumed = new CountDownLatch(runs.length);
      for (AtomicInteger run : runs) { // one registration per router connection
        fanOut.whenWritable(() -> {
          run.incrementAndGet();
          resumed.countDown();
        });
      }
      assertEquals(runs.length, resumed.getCount(), "not resumed while the slow consumer is stuck");

      slow.open(12);
      Await.until(() -> resumed.getCount() == 0, TIMEOUT, fanOut.stats()::toString);
      awaitDelivered(fanOut, "slow", 12);

      // A second pause and resume must not run the first registrations again.
      while (fanOut.publish(published)) published++;
      published++;
      assertEquals(22, published);
      AtomicInteger second = new AtomicInteger();
      fanOut.whenWritable(second::incrementAndGet);
      assertEquals(0, second.get());
      slow.open(10);
      Await.until(() -> second.get() == 1, TIMEOUT, fanOut.stats()::toString);
      fanOut.close();
      for (AtomicInteger run : runs) assertEquals(1, run.get(), "each callback runs exactly once");
      assertEquals(1, second.get());
      assertEquals(upTo(published), slow.seen, "nothing lost, in order");
      assertEquals(upTo(published), fast);
    } finally {
      slow.openForever();
      fanOut.close();
    }
  }

  @Test
  void whenWritableWaitsForLowWaterNotForEmpty() {
    Gate slow = new Gate();
    EventFanOut<Integer> fanOut = new EventFanOut<>(List.of(Subscriber.of("slow", slow, 4))); // low water 2
    try {
      assertTrue(fanOut.publish(0));
      assertTrue(fanOut.publish(1));
      assertTrue(fanOut.publish(2));
      assertFalse(fanOut.publish(3));
      CountDownLatch resumed = new CountDownLatch(1);
      fanOut.whenWritable(resumed::countDown);

      slow.open(1);
      awaitDelivered(fanOut, "slow", 1);
      assertEquals(1, resumed.getCount(), "3 queued is above the low water of 2");

      slow.open(1);
      Await.until(() -> resumed.getCount() == 0, TIMEOUT, fanOut.stats()::toString);
      assertEquals(2, stats(fanOut, "slow").queued(), "resumed at the low water, before the queue is empty");
    } finally {
      slow.openForever();
      fanOut.close();
    }
  }

  @Test
  void whenWritableWaitsForEveryQueue() {
    Gate a = new Gate();
    Gate b = new Gate();
    EventFanOut<Integer> fanOut = new EventFanOut<>(List.of(Subscriber.of("a", a, 4), Subscriber.of("b", b, 4)));
    try {
      for (int i = 0; i < 3; i++) assertTrue(fanOut.publish(i));
      assertFalse(fanOut.publish(3));
      assertEquals(List.of(1L, 1L), fanOut.stats().stream().map(SubscriberStats::pauses).toList());
      CountDownLatch resumed = new CountDownLatch(1);
      fanOut.whenWritable(resumed::countDown);

      a.open(4);
      awaitDelivered(fanOut, "a", 4);
      assertEquals(1, resumed.getCount(), "b is still full");

      b.open(2);
      Await.until(() -> resumed.getCount() == 0, TIMEOUT, fanOut.stats()::toString);
    } finally {
      a.openForever();
      b.openForever();
      fanOut.close();
    }
  }

  @Test
  void whenWritableRunsAtOnceWhenAlreadyWritable() {
    EventFanOut<Integer> fanOut = new EventFanOut<>(List.of(Subscriber.of("a", n -> {}, 4)));
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    fanOut.whenWritable(() -> ranOn.set(Thread.currentThread()));
    assertEquals(Thread.currentThread(), ranOn.get());
    fanOut.close();

    AtomicInteger afterClose = new AtomicInteger();
    fanOut.whenWritable(afterClose::incrementAndGet);
    assertEquals(1, afterClose.get(), "a closed fan-out holds nothing back");
  }

  @Test
  void failingConsumerIsCountedAndDoesNotStopDelivery() {
    List<Integer> brokenSaw = Collections.synchronizedList(new ArrayList<>());
    List<Integer> ok = Collections.synchronizedList(new ArrayList<>());
    EventFanOut<Integer> fanOut = new EventFanOut<>(List.of(Subscriber.of("broken", n -> {
      brokenSaw.add(n);
      if (n % 4 == 1) throw new IllegalStateException("broken consumer, event " + n);
      if (n % 4 == 3) throw new AssertionError("an Error does not kill the consumer thread either");
    }, 100), Subscriber.of("ok", ok::add, 100)));
    for (int i = 0; i < 10; i++) fanOut.publish(i);
    fanOut.close();
    assertEquals(upTo(10), brokenSaw, "delivery to the failing consumer goes on");
    assertEquals(upTo(10), ok);
    assertEquals(List.of(new SubscriberStats("broken", 0, 100, 10, 5, 0, 0),
        new SubscriberStats("ok", 0, 100, 10, 0, 0, 0)), fanOut.stats());
  }

  @Test
  void closeDeliversWhatIsQueuedThenStopsTheThreads() throws Exception {
    Gate archiver = new Gate();
    AtomicReference<Thread> consumerThread = new AtomicReference<>();
    EventFanOut<Integer> fanOut = new EventFanOut<>(List.of(Subscriber.of("archiver", n -> {
      consumerThread.set(Thread.currentThread());
      archiver.accept(n);
    }, 1000)));
    Thread closer = new Thread(fanOut::close, "closer");
    try {
      for (int i = 0; i < 100; i++) fanOut.publish(i);
      closer.start();
      // close() refuses new events at once, then waits for the consumer to drain its queue.
      Await.until(() -> closer.getState() == Thread.State.WAITING, TIMEOUT, () -> closer.getState().toString());
      assertThrows(IllegalStateException.class, () -> fanOut.publish(100));
      assertEquals(100, stats(fanOut, "archiver").queued());

      archiver.open(100);
      closer.join(TIMEOUT.toMillis());
      assertFalse(closer.isAlive(), "close returned once everything was delivered");
      assertEquals(upTo(100), archiver.seen);
      Thread thread = consumerThread.get();
      assertEquals("routemill-consumer-archiver", thread.getName());
      assertTrue(thread.isDaemon());
      assertFalse(thread.isAlive(), "close joined the consumer thread");

      fanOut.close(); // idempotent
      assertThrows(IllegalStateException.class, () -> fanOut.publish(101));
      assertEquals(new SubscriberStats("archiver", 0, 1000, 100, 0, 0, 0), stats(fanOut, "archiver"));
    } finally {
      archiver.openForever();
      fanOut.close();
    }
  }

  @Test
  void statsReportQueuedDeliveredAndAgeWithTheInjectedClock() {
    AtomicLong nanos = new AtomicLong(7_000_000_000L);
    Gate archiver = new Gate();
    EventFanOut<Integer> fanOut =
        new EventFanOut<>(List.of(new Subscriber<>("archiver", archiver, 3, 1)), nanos::get);
    try {
      assertEquals(List.of(new SubscriberStats("archiver", 0, 3, 0, 0, 0, 0)), fanOut.stats());
      assertTrue(fanOut.publish(0));
      nanos.addAndGet(5_000_000);
      assertTrue(fanOut.publish(1));
      assertFalse(fanOut.publish(2));
      nanos.addAndGet(7_400_000);
      assertEquals(List.of(new SubscriberStats("archiver", 3, 3, 0, 0, 1, 12)), fanOut.stats(),
          "the oldest event, the one in the consumer's hands, has waited 12.4 ms");

      archiver.open(1);
      awaitDelivered(fanOut, "archiver", 1);
      assertEquals(List.of(new SubscriberStats("archiver", 2, 3, 1, 0, 1, 7)), fanOut.stats());

      archiver.open(2);
      awaitDelivered(fanOut, "archiver", 3);
      nanos.addAndGet(60_000_000_000L);
      assertEquals(List.of(new SubscriberStats("archiver", 0, 3, 3, 0, 1, 0)), fanOut.stats(), "empty: age 0");
    } finally {
      archiver.openForever();
      fanOut.close();
    }
  }

  @Test
  void concurrentProducersFollowingBackPressureLoseNothing() throws Exception {
    int producers = 4;
    int perProducer = 25_000;
    OrderCheck small = new OrderCheck(producers, perProducer);
    OrderCheck big = new OrderCheck(producers, perProducer);
    EventFanOut<Integer> fanOut =
        new EventFanOut<>(List.of(Subscriber.of("small", small, 16), Subscriber.of("big", big, 1024)));
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        running.add(pool.submit(() -> {
          for (int i = 0; i < perProducer; i++) {
            if (!fanOut.publish(producer * perProducer + i)) { // stop reading until told to go on
              CountDownLatch writable = new CountDownLatch(1);
              fanOut.whenWritable(writable::countDown);
              if (!writable.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("producer " + producer + " never resumed: " + fanOut.stats());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> producer : running) producer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
      fanOut.close();
    }
    for (OrderCheck check : List.of(small, big)) check.assertComplete();
    for (SubscriberStats s : fanOut.stats()) assertEquals(producers * perProducer, s.delivered(), s.toString());
  }

  /** Checks, on its consumer's thread, that each producer's events arrive complete and in order. */
  private static final class OrderCheck implements Consumer<Integer> {
    private final int perProducer;
    private final int[] next;
    private int outOfOrder;

    OrderCheck(int producers, int perProducer) {
      this.perProducer = perProducer;
      this.next = new int[producers];
    }

    @Override
    public void accept(Integer n) {
      int producer = n / perProducer;
      if (n % perProducer != next[producer]) outOfOrder++;
      next[producer]++;
    }

    /** After close, which joined the consumer thread. */
    void assertComplete() {
      assertEquals(0, outOfOrder);
      for (int seen : next) assertEquals(perProducer, seen);
    }
  }

  @Test
  void rejectsBadSubscribers() {
    Consumer<Integer> ignore = n -> {};
    assertEquals(0, Subscriber.of("one", ignore, 1).lowWater());
    assertEquals(500, Subscriber.of("archiver", ignore, 1000).lowWater());
    assertThrows(IllegalArgumentException.class, () -> Subscriber.of("zero", ignore, 0));
    assertThrows(IllegalArgumentException.class, () -> new Subscriber<>("flat", ignore, 4, 4));
    assertThrows(IllegalArgumentException.class, () -> new Subscriber<>("negative", ignore, 4, -1));
    assertThrows(IllegalArgumentException.class, () -> Subscriber.of(" ", ignore, 4));
    assertThrows(IllegalArgumentException.class,
        () -> new EventFanOut<>(List.of(Subscriber.of("twice", ignore, 4), Subscriber.of("twice", ignore, 4))));
  }
}
