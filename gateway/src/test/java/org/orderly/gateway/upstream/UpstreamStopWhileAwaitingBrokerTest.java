package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A clean stop that comes while the link waits for the broker: for the CONNACK of its connection, or for the PUBACK of
 * that connection's "online". The broker answers, late. Until 2026-12-06 the stop cut the wait short, leaving the pair
 * held with its CONNECT or "online" at the broker, and the next start set that "online" aside (the outbox's ERROR, an
 * {@code outbox.setAside} event) and sent its will: the grid side got {@code offline} then {@code online}, a number set
 * aside between. The stop lets the connect under way finish, then stops as a connected link does. A broker that never
 * answers still has the stop return, once the link's own waits on it are over (docs/upstream.md, "state"). Against a
 * real Mosquitto on 127.0.0.1, behind a relay that keeps the answer back ({@link AnswerHoldingRelay}) or drops it
 * ({@link ConnackHoldingRelay}, {@link PubackHoldingRelay}).
 */
class UpstreamStopWhileAwaitingBrokerTest {
    /** Far above what a stop may take (docs/upstream.md: the CONNACK wait, a state message's, the stop's own). */
    private static final Duration STOP_RETURNS = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** The broker's answer the relay keeps back: the CONNACK, or the PUBACK of the connection's "online". */
    enum Held { CONNACK, ONLINE_ACK }

    /** Each answer held, over each MQTT version. */
    static Stream<Arguments> cases() {
        return Stream.of(Held.values()).flatMap(h -> Stream.of(MqttProtocol.values()).map(p -> Arguments.of(h, p)));
    }

    @ParameterizedTest(name = "{0} held, {1}")
    @MethodSource("cases")
    @Timeout(240)
    void aStopWhileTheBrokersAnswerIsAwaitedLeavesOneCleanSequence(Held held, MqttProtocol protocol) throws Exception {
        String gw = "gw-stop-held-" + held.name().toLowerCase().replace('_', '-') + "-" + protocol.name().toLowerCase();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             AnswerHoldingRelay relay = held == Held.CONNACK ? AnswerHoldingRelay.holdingConnack(broker.port())
                     : AnswerHoldingRelay.holdingOnlineAck(broker.port())) {
            assertCleanAcrossTheStop(broker, relay, gw, protocol);
        }
    }

    /**
     * A broker that takes the CONNECT and never answers it, frozen (SIGSTOP) so that it does not end the connection
     * either: the stop returns, after the link's CONNACK wait, 5 s here rather than the gateway's 15 s (what is pinned
     * is that the stop returns at all, not when; 5 s still leaves the stop well inside the attempt, which the test
     * reaches as soon as the broker logged the CONNECT).
     */
    @Test
    @Timeout(240)
    void aStopWhileTheConnackNeverComesReturns() throws Exception {
        String gw = "gw-stop-no-connack";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             ConnackHoldingRelay relay = new ConnackHoldingRelay(broker.port());
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(relay.url(), gw),
                     LinkTimings.DEFAULT.withConnack(Duration.ofSeconds(5)))) {
            Await.until("the gateway's CONNECT at the broker", Duration.ofSeconds(30),
                    () -> broker.log().contains("as " + gw + " "));
            assertThat(rig.upstream.link().connected()).as("no CONNACK let through").isFalse();
            broker.pause();
            try {
                stopAndAwaitReturn(rig.upstream.link());
            } finally {
                broker.resume();
            }
        }
    }

    /** A broker that never acknowledges the connection's "online": the stop returns, after the link's wait for it. */
    @Test
    @Timeout(240)
    void aStopWhileTheOnlineAckNeverComesReturns() throws Exception {
        String gw = "gw-stop-no-online-ack";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             PubackHoldingRelay relay = new PubackHoldingRelay(broker.port())) {
            relay.holdAfterNextOnline();
            try (UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                    UpstreamRig.plaintext(relay.url(), gw))) {
                assertThat(relay.onlineHeld(60)).as("the gateway's online, its PUBACK held").isTrue();
                stopAndAwaitReturn(rig.upstream.link());
            }
        }
    }

    /**
     * Starts a gateway through {@code relay}, stops its link once the broker's answer is held, lets the answer go while
     * the stop is under way, then starts the gateway again straight on the broker: the grid side must get the state
     * messages in order, {@code online}, the stop's {@code offline}, the next start's {@code online}, and no
     * {@code online} set aside.
     */
    private void assertCleanAcrossTheStop(Mosquitto broker, AnswerHoldingRelay relay, String gw, MqttProtocol protocol)
            throws Exception {
        Path db = dir.resolve("orderly.db");
        try (GridSide grid = new GridSide(broker.url(), gw)) {
            try (UpstreamRig rig = UpstreamRig.start(db, gw,
                    UpstreamRig.plaintext(relay.url(), gw).withProtocol(protocol))) {
                assertThat(relay.answerHeld(60)).as("the broker's answer, held").isTrue();
                MqttLink link = rig.upstream.link();
                Thread stop = new Thread(link::close, "test-stop");
                stop.start();
                // The stop has begun (it waits for the link's thread), or, as until 2026-12-06, is over already.
                Await.until("the stop under way", Duration.ofSeconds(30),
                        () -> stop.getState() == Thread.State.TIMED_WAITING || !stop.isAlive());
                relay.release();
                stop.join(STOP_RETURNS.toMillis());
                assertThat(stop.isAlive()).as("the stop still going after %s", STOP_RETURNS).isFalse();
            }
            List<String> states = UpstreamRig.statesAfterNextStart(db, gw,
                    UpstreamRig.plaintext(broker.url(), gw).withProtocol(protocol), grid);
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(states).as("the state messages the grid side got, by number; until 2026-12-06 [offline,"
                    + " online], an online set aside between").containsExactly("online", "offline", "online");
            soft.assertThat(StateRows.in(db, "outbox_set_aside")).as("state messages set aside").isEmpty();
            soft.assertAll();
        }
    }

    /** Stops {@code link} on a thread of its own and waits, far longer than the stop may take, for it to return. */
    private static void stopAndAwaitReturn(MqttLink link) throws InterruptedException {
        Thread stop = new Thread(link::close, "test-stop");
        stop.start();
        stop.join(STOP_RETURNS.toMillis());
        assertThat(stop.isAlive()).as("the stop still going after %s", STOP_RETURNS).isFalse();
    }
}
