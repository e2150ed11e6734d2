package org.orderly.gateway.upstream.link;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Room for the QoS 1 PUBLISHes of one connection that the broker has not acknowledged: as many as it takes at once
 * (MQTT v5: the Receive Maximum of its CONNACK), shared by every publish of the connection (the drain's, "online" and
 * the other state messages, replies to commands). Paho refuses a publish at once (32202, "Too many publishes in
 * progress") when that many are sent and unacknowledged; room is taken here before each publish and given back only
 * in its completion, which Paho runs after it has freed its own slot (it wakes a waiting publisher before that), so
 * Paho never has less room than this says and never refuses for it. A new window for each connection: what the last
 * one still holds ends with it.
 */
public final class PublishWindow {
    /** Between tries of a publish the client refused for a full window all the same. */
    private static final long RETRY_PAUSE_MS = 5;

    /** Sends one publish; {@code freed} gives its room back and must run in its completion (success or failure). */
    @FunctionalInterface
    public interface Send<T> {
        T send(Runnable freed) throws Exception;
    }

    private final int size;
    private final String whose;
    private final Semaphore room;
    private final Predicate<Exception> refusedFull;

    /**
     * @param size        unacknowledged publishes at a time
     * @param whose       whose limit that is, for a message ("the broker's Receive Maximum")
     * @param refusedFull whether the client's exception is its refusal for a full window (Paho: reason code 32202)
     */
    PublishWindow(int size, String whose, Predicate<Exception> refusedFull) {
        this.size = size;
        this.whose = whose;
        // Fair: a reply or a state message waiting for room gets it before the drain, which only ever asks.
        this.room = new Semaphore(Math.max(0, size), true);
        this.refusedFull = refusedFull;
    }

    /**
     * The window of a Paho MQTT v5 client (the gateway's link, the tests' grid side) on a connection whose broker
     * announced {@code receiveMaximum} ({@link PahoReceiveMaximum}): Paho refuses a publish while as many are
     * unacknowledged (32202).
     */
    public static PublishWindow ofPaho5(int receiveMaximum) {
        return new PublishWindow(receiveMaximum, "the broker's Receive Maximum", e -> e instanceof MqttException m
                && m.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT);
    }

    int size() {
        return size;
    }

    /** Sends if there is room now: empty when there is none, and then nothing was sent. */
    <T> Optional<T> trySend(Send<T> send) throws BrokerException {
        return sendWithin(0, send);
    }

    /** Sends once there is room, waiting up to {@code waitMs} for it; throws when none came (nothing was sent). */
    public <T> T send(long waitMs, Send<T> send) throws BrokerException {
        return sendWithin(waitMs, send).orElseThrow(() -> new BrokerException("no room to publish within " + waitMs
                + " ms: " + size + " publishes at a time (" + whose + ") stayed unacknowledged", null));
    }

    /**
     * Sends with room taken for it, waiting up to {@code waitMs} (0: not at all) for room: empty when none came,
     * and then nothing was sent. A refusal for a full window (this window's room should make it impossible) is a wait
     * too: the room is given back and the publish tried again, never sent twice (Paho refuses before it queues). Any
     * other failure gives the room back and is thrown, as a {@link BrokerException}; so is an interrupted wait (the
     * thread stays interrupted).
     */
    private <T> Optional<T> sendWithin(long waitMs, Send<T> send) throws BrokerException {
        try {
            return tries(waitMs, send);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while waiting for room to publish", e);
        } catch (Exception e) {
            throw BrokerException.of(e);
        }
    }

    private <T> Optional<T> tries(long waitMs, Send<T> send) throws Exception {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (true) {
            long left = Math.max(0, until - System.nanoTime());
            if (!room.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
            AtomicBoolean given = new AtomicBoolean();
            Runnable freed = () -> {
                if (given.compareAndSet(false, true)) {
                    room.release();
                }
            };
            try {
                return Optional.of(send.send(freed));
            } catch (Exception e) {
                freed.run();
                if (!refusedFull.test(e)) {
                    throw e;
                }
                if (System.nanoTime() - until >= 0) {
                    return Optional.empty();
                }
                TimeUnit.MILLISECONDS.sleep(Math.min(RETRY_PAUSE_MS,
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
            }
        }
    }
}
