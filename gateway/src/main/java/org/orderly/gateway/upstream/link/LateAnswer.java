package org.orderly.gateway.upstream.link;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The answer to one publish that a thread waits for ({@link BrokerClient#publishAndWait}): taken by that thread when
 * it comes within the wait, handed to {@code late} when it comes after the wait ended (timed out, or interrupted by a
 * stop), so that a PUBACK that comes at all is heard once, by one of the two. The client's completion of the publish
 * and the waiting thread each claim it; the first claim decides.
 */
final class LateAnswer implements BrokerClient.Completion {
    private static final int AWAITED = 0;
    private static final int TAKEN = 1;
    private static final int GIVEN_UP = 2;
    /** The client's completion came first, and was a failure: the thread throws it, whatever its wait's own exception. */
    private static final int FAILED_FIRST = 3;

    private final BrokerClient.Completion late;
    private final AtomicInteger state = new AtomicInteger(AWAITED);

    LateAnswer(BrokerClient.Completion late) {
        this.late = late;
    }

    /** The waiting thread has the answer (its wait returned, or it found the publish completed). */
    void taken() {
        state.compareAndSet(AWAITED, TAKEN);
    }

    /**
     * The wait ended before the answer: true if it is left to {@code late} from now on; false if the client's
     * completion came first, so the publish has completed and the waiting thread takes its outcome.
     */
    private boolean giveUp() {
        return state.compareAndSet(AWAITED, GIVEN_UP);
    }

    /**
     * The wait threw: whether the waiting thread throws (false: the publish was acknowledged as the wait ended, which
     * the thread takes as if within it). When the wait ended by itself, timed out or interrupted (by a stop), the
     * answer is left to {@code late} unless the completion came first. Otherwise the publish's own failure woke the
     * thread (the connection broke): Paho wakes it before it runs the completion, and the failure is the thread's,
     * not {@code late}'s too. Neither is told by the token's exception: Paho sets one on a timeout and an interrupt as
     * well, so whether a completion that came first was a failure is this answer's own record of it.
     *
     * @param reasonCode of Paho's exception, v5 or 3.1.1 (their codes are the same)
     * @param cause      of Paho's exception
     */
    boolean throwsAfterWait(int reasonCode, Throwable cause) {
        boolean waitEnded = reasonCode == MqttException.REASON_CODE_CLIENT_TIMEOUT || cause instanceof InterruptedException;
        if (!waitEnded) {
            taken();
            return true;
        }
        return giveUp() || state.get() == FAILED_FIRST;
    }

    @Override
    public void acknowledged(String refusal) {
        if (!state.compareAndSet(AWAITED, TAKEN) && state.get() == GIVEN_UP) {
            late.acknowledged(refusal);
        }
    }

    @Override
    public void failed(Throwable why) {
        if (!state.compareAndSet(AWAITED, FAILED_FIRST) && state.get() == GIVEN_UP) {
            late.failed(why);
        }
    }
}
