package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/** Coalescing, refresh and failure reporting of {@link LeaseKeeper}, with a scripted sender. */
class LeaseKeeperTest {
    /**
     * How long a wait for what the keeper's thread does may take before it is a failure: only for the failure's sake,
     * not a latency the keeper promises (a loaded machine stretches it).
     */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<Double> sent = new CopyOnWriteArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final FailureReporter reporter = new FailureReporter("K1", listener, Clock.systemUTC());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void onlyTheNewestPendingValueIsSent() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.ofSeconds(60), Duration.ZERO, (amps, lease) -> {
            sent.add(amps);
            if (sent.size() == 1) {
                blocked.countDown();
                await(release);
            }
        }, reporter, executor);
        keeper.offer(6);
        assertThat(blocked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the first offer being sent").isTrue();
        // The sender stays blocked until released (30 s at most): offers that waited for it would run out this bound.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (double a = 7; a <= 20; a++) {
                keeper.offer(a);
            }
        });
        assertThat(sent).as("nothing sent while the sender is blocked").containsExactly(6.0);
        release.countDown();
        Await.untilSeeing("the newest sent", PATIENCE, () -> sent.contains(20.0), () -> sent);
        keeperIdle();
        assertThat(sent).containsExactly(6.0, 20.0);
        keeper.offer(20); // unchanged and acknowledged: left to the refresh
        keeperIdle();
        assertThat(sent).containsExactly(6.0, 20.0);
    }

    @Test
    void theStandingValueIsRefreshedEveryThirdOfTheTtlAndFailuresAreReported() throws Exception {
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.ofSeconds(1), Duration.ZERO, (amps, lease) -> {
            sent.add(amps);
            if (sent.size() == 3) {
                throw new PileIoException(PileFailureKind.TIMEOUT, "scripted timeout", null);
            }
        }, reporter, executor);
        keeper.start();
        keeper.offer(16);
        Await.untilSeeing("four sends", PATIENCE, () -> {
            keeper.offer(16); // the control loop confirms its setpoint every cycle
            return sent.size() >= 4;
        }, () -> sent);
        assertThat(sent).containsOnly(16.0);
        assertThat(listener.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(PileFailureKind.TIMEOUT);
            assertThat(f.pileId()).isEqualTo("K1");
            assertThat(f.operation()).contains("limit 16 A ttl 1 s");
        });
        Await.until("recovery reported", PATIENCE, () -> listener.recoveries.contains("K1"));
        keeper.stop();
    }

    @Test
    void theStandingValueIsRefreshedOnlyWhileTheControlLoopOffersWithinHalfTheTtl() throws Exception {
        TestTicker ticker = new TestTicker();
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.ofSeconds(10), Duration.ZERO, (amps, lease) -> sent.add(amps),
                reporter, executor, ticker);
        keeper.offer(16);
        Await.untilSeeing("the offer sent", PATIENCE, () -> sent.size() == 1, () -> sent);

        ticker.advance(Duration.ofSeconds(5)); // silent for half the ttl: still alive
        keeper.refresh();
        assertThat(sent).as("refreshed after 5 s of a 10 s lease").containsExactly(16.0, 16.0);

        ticker.advance(Duration.ofMillis(1)); // silent for over half: hung or failing every cycle
        keeper.refresh();
        keeper.refresh();
        assertThat(sent).as("left to lapse").containsExactly(16.0, 16.0);

        keeper.offer(16); // the control loop back: its standing value is refreshed again
        keeper.refresh();
        assertThat(sent).containsExactly(16.0, 16.0, 16.0);
    }

    @Test
    void aLimitFailureEndsWhenTheLeaseIsLetLapseSoALaterStatusOutageIsSaidAndEnds() throws Exception {
        TestTicker ticker = new TestTicker();
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.ofSeconds(10), Duration.ZERO, (amps, lease) -> {
            throw new PileIoException(PileFailureKind.TIMEOUT, "scripted limit timeout", null);
        }, reporter, executor, ticker);
        keeper.offer(16);
        Await.untilSeeing("the limit's timeout", PATIENCE, () -> listener.has(PileFailureKind.TIMEOUT), () -> listener.failures);

        ticker.advance(Duration.ofSeconds(6)); // the control loop silent: no limit is sent again
        keeper.refresh();
        statusOutageAndBack();
        assertThat(listener.recoveries).as("the status outage after the lapse ends").containsExactly("K1");
    }

    @Test
    void aLimitFailureEndsWhenLimitsAreWithheld() throws Exception {
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.ofSeconds(10), Duration.ZERO, (amps, lease) -> {
            throw new PileIoException(PileFailureKind.TIMEOUT, "scripted limit timeout", null);
        }, reporter, executor);
        keeper.offer(16);
        Await.untilSeeing("the limit's timeout", PATIENCE, () -> listener.has(PileFailureKind.TIMEOUT), () -> listener.failures);

        keeper.withhold(true); // the device at the address is another pile: no limit is sent again
        statusOutageAndBack();
        assertThat(listener.recoveries).as("the status outage while withheld ends").containsExactly("K1");
    }

    /**
     * A sending under way while limits are withheld, that then fails: the bridge's refusal that makes the CoAP driver
     * withhold (a limit naming the pile refused for another pile's id) comes within the sending, as here the sender's
     * latch lets the test withhold before the sending fails. The failure is reported, and then forgotten as withholding
     * forgets one: until 2026-12-07 it was put back after the withholding had forgotten it, so a status outage while
     * withheld was never said to end (and one of the limit failure's kind was not WARNed).
     */
    @Test
    void aLimitFailureOfASendingUnderWayWhenLimitsAreWithheldEndsToo() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch withheld = new CountDownLatch(1);
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.ofSeconds(10), Duration.ZERO, (amps, lease) -> {
            sending.countDown();
            await(withheld);
            throw new PileIoException(PileFailureKind.REJECTED, "scripted refusal for another pile", null);
        }, reporter, executor);
        keeper.offer(16);
        assertThat(sending.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the limit being sent").isTrue();
        keeper.withhold(true);
        withheld.countDown();
        Await.untilSeeing("the refusal reported", PATIENCE, () -> listener.has(PileFailureKind.REJECTED),
                () -> listener.failures);
        keeperIdle();

        statusOutageAndBack();
        assertThat(listener.recoveries).as("the status outage while withheld ends").containsExactly("K1");
    }

    /**
     * A status failure reported just as the failure of a sending under way when limits were withheld is, of the same
     * kind (here from the listener of that failure, as a notification's thread may at that moment): WARN, as a status
     * failure that begins is (docs/firmware-bridge.md, {@code FailureReporter}). Until 2026-12-07 the withheld
     * sending's failure stood until it was forgotten just after its report, and the status failure was taken as said by
     * it: DEBUG, as were the rest of that status outage.
     */
    @Test
    void aStatusFailureJustAfterAWithheldSendingsFailureIsWarned() throws Exception {
        AtomicReference<LeaseKeeper> keeper = new AtomicReference<>();
        AtomicReference<FailureReporter> reporting = new AtomicReference<>();
        PileListener statusFailsMeanwhile = failure -> {
            listener.failed(failure);
            if (failure.operation().equals("PUT limit")) {
                reporting.get().failed(FailureReporter.Exchange.STATUS, "GET status",
                        new PileIoException(PileFailureKind.REJECTED, "scripted status refusal", null));
            }
        };
        reporting.set(new FailureReporter("K1", statusFailsMeanwhile, Clock.systemUTC()));
        keeper.set(new LeaseKeeper("K1", LeaseTiming.ofSeconds(10), Duration.ZERO, new LimitSender() {
            @Override
            public String describe(double amps, LeaseTiming lease) {
                return "PUT limit";
            }

            @Override
            public void send(double amps, LeaseTiming lease) throws PileIoException {
                keeper.get().withhold(true); // the bridge's refusal names another pile: withheld within the sending
                throw new PileIoException(PileFailureKind.REJECTED, "scripted refusal for another pile", null);
            }
        }, reporting.get(), executor));
        try (CapturedLog log = new CapturedLog()) {
            keeper.get().offer(16);
            Await.untilSeeing("the status refusal reported", PATIENCE,
                    () -> listener.failures.stream().anyMatch(f -> f.operation().equals("GET status")),
                    () -> listener.failures);
            keeperIdle();
            assertThat(log.lines("WARN", "pile K1", "scripted status refusal")).as(log.text()).hasSize(1);
        }
    }

    /** The pile's statuses answer, time out, and answer again, as its driver would report them. */
    private void statusOutageAndBack() {
        reporter.succeeded(FailureReporter.Exchange.STATUS);
        reporter.failed(FailureReporter.Exchange.STATUS, "GET status",
                new PileIoException(PileFailureKind.TIMEOUT, "scripted status timeout", null));
        reporter.succeeded(FailureReporter.Exchange.STATUS);
    }

    @Test
    void aNegativeOrNanLimitIsACallerBug() {
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.defaults(), Duration.ZERO, (a, l) -> { }, reporter, executor);
        assertThatThrownBy(() -> keeper.offer(-1)).hasMessageContaining("pile K1");
        assertThatThrownBy(() -> keeper.offer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeaseTiming.ofSeconds(0)).hasMessageContaining("1..3600");
        assertThat(LeaseTiming.ofSeconds(9).refreshEvery()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aShortLeaseIsRenewedSoonerSoThatARenewalTakingTheWholeRequestTimeoutLandsInTime() {
        // The previous sending reached the pile up to one timeout before it ended; the renewal starts one period after
        // that end and lands up to one timeout later: period + 2 x timeout <= ttl.
        Duration timeout = CoapPileConfig.requestTimeoutFor(LeaseTiming.ofSeconds(5));
        assertThat(timeout).isEqualTo(Duration.ofSeconds(2));
        assertThat(LeaseTiming.ofSeconds(5).refreshEvery(timeout)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LeaseTiming.ofSeconds(6).refreshEvery(timeout)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LeaseTiming.ofSeconds(10).refreshEvery(timeout)).isEqualTo(LeaseTiming.ofSeconds(10).refreshEvery());
        assertThatThrownBy(() -> LeaseTiming.ofSeconds(4).refreshEvery(timeout)).hasMessageContaining("too short");
        assertThat(CoapPileConfig.requestTimeoutFor(LeaseTiming.ofSeconds(1))).isEqualTo(Duration.ofMillis(450));
        LeaseKeeper keeper = new LeaseKeeper("K1", LeaseTiming.ofSeconds(5), timeout, (a, l) -> { }, reporter, executor);
        assertThat(keeper.refreshEvery()).isEqualTo(Duration.ofSeconds(1));
    }

    /**
     * Returns once the keeper's thread has run every task given to it so far: a send that an offer queued (the keeper
     * sends on this one-thread executor) has been made by then. Not "nothing within 100 ms", which a loaded machine
     * could pass with the send still queued.
     */
    private void keeperIdle() throws Exception {
        executor.submit(() -> { }).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
