package org.orderly.gateway.upstream.link;

import java.util.concurrent.atomic.AtomicInteger;

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
    boolean giveUp() {
        return state.compareAndSet(AWAITED, GIVEN_UP);
    }

    @Override
    public void acknowledged(String refusal) {
        if (!state.compareAndSet(AWAITED, TAKEN) && state.get() == GIVEN_UP) {
            late.acknowledged(refusal);
        }
    }

    @Override
    public void failed(Throwable why) {
        if (!state.compareAndSet(AWAITED, TAKEN) && state.get() == GIVEN_UP) {
            late.failed(why);
        }
    }
}
