package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The answer to a publish a thread waits for is heard once, by the waiting thread or by {@code late}, never both.
 * Until 2026-12-06 a broken connection was heard twice: Paho wakes the waiting thread with the failure before it runs
 * the completion, the thread gave the answer up and threw, and the completion's failure then went to {@code late}.
 */
class LateAnswerTest {
    private static final int LOST = MqttException.REASON_CODE_CONNECTION_LOST;
    private static final int TIMED_OUT = MqttException.REASON_CODE_CLIENT_TIMEOUT;

    private final List<String> heardLate = new ArrayList<>();
    private final LateAnswer answer = new LateAnswer(new BrokerClient.Completion() {
        @Override
        public void acknowledged(String refusal) {
            heardLate.add("acknowledged " + refusal);
        }

        @Override
        public void failed(Throwable why) {
            heardLate.add("failed " + why.getMessage());
        }
    });

    @Test
    void aBrokenConnectionThatWokeTheWaitIsTheThreadsAlone() {
        assertThat(answer.throwsAfterWait(LOST, new EOFException())).as("the thread throws").isTrue();
        answer.failed(new EOFException("lost"));
        assertThat(heardLate).as("late, after the thread threw the same failure").isEmpty();
    }

    @Test
    void anAnswerAfterATimeoutIsLates() {
        assertThat(answer.throwsAfterWait(TIMED_OUT, null)).as("the thread throws").isTrue();
        answer.acknowledged(null);
        assertThat(heardLate).containsExactly("acknowledged null");
    }

    @Test
    void anAnswerAfterAnInterruptIsLates() {
        assertThat(answer.throwsAfterWait(0, new InterruptedException())).as("the thread throws").isTrue();
        answer.failed(new EOFException("lost"));
        assertThat(heardLate).containsExactly("failed lost");
    }

    @Test
    void anAcknowledgementThatCameAsTheWaitTimedOutIsTheThreads() {
        answer.acknowledged(null);
        assertThat(answer.throwsAfterWait(TIMED_OUT, null)).as("the thread takes it, no throw").isFalse();
        assertThat(heardLate).isEmpty();
    }

    @Test
    void aFailureThatCameAsTheWaitTimedOutIsThrownByTheThread() {
        answer.failed(new EOFException("lost"));
        assertThat(answer.throwsAfterWait(TIMED_OUT, null)).as("the thread throws").isTrue();
        assertThat(heardLate).isEmpty();
    }

    @Test
    void anAnswerWithinTheWaitIsTheThreads() {
        answer.taken();
        answer.acknowledged(null);
        assertThat(heardLate).isEmpty();
    }
}
