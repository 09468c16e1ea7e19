package io.routemill.collector.stream;

/**
 * A snapshot of one {@link Subscriber}'s queue, consistent in itself (taken under the queue's lock); the
 * snapshots of different subscribers are taken one after the other.
 *
 * @param queued events accepted and not yet delivered, including the one the consumer is working on
 * @param highWater the queue length at which it pauses the producers
 * @param delivered events handed to the consumer, whether or not it threw: {@code queued + delivered} is what
 *     was published
 * @param failures deliveries on which the consumer threw
 * @param pauses how many times {@link EventFanOut#publish} returned false because this queue was full
 * @param oldestAgeMillis how long the oldest queued event has waited, 0 when the queue is empty; a consumer
 *     stuck on one event shows a growing age
 */
public record SubscriberStats(String name, int queued, int highWater, long delivered, long failures, long pauses,
    long oldestAgeMillis) {}
