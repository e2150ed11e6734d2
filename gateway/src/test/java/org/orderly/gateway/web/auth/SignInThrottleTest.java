package org.orderly.gateway.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.testkit.Await;

/** How often passwords are checked: per address, for everyone, and one at a time. */
class SignInThrottleTest {
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC);
    private final SignInThrottle throttle = new SignInThrottle(clock);
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    private SignInThrottle.Attempt wrong(String address) {
        return throttle.attempt(address, () -> false);
    }

    private SignInThrottle.Attempt right(String address) {
        return throttle.attempt(address, () -> true);
    }

    private void failFiveTimes(String address) {
        for (int i = 0; i < SignInThrottle.PER_ADDRESS; i++) {
            assertThat(wrong(address)).isEqualTo(new SignInThrottle.Attempt.Checked(false));
        }
    }

    @Test
    void afterFiveFailuresAnAddressWaitsAMinuteForEachFurtherTry() {
        failFiveTimes("10.0.0.7");

        assertThat(right("10.0.0.7")).isEqualTo(new SignInThrottle.Attempt.Refused(60));
        clock.advanceSeconds(45);
        assertThat(wrong("10.0.0.7")).isEqualTo(new SignInThrottle.Attempt.Refused(15));
        clock.advanceSeconds(15);
        assertThat(wrong("10.0.0.7")).isEqualTo(new SignInThrottle.Attempt.Checked(false));
        assertThat(right("10.0.0.7")).isInstanceOf(SignInThrottle.Attempt.Refused.class);
    }

    @Test
    void otherAddressesAreNotHeldUpByOne() {
        failFiveTimes("10.0.0.7");

        assertThat(right("10.0.0.8")).isEqualTo(new SignInThrottle.Attempt.Checked(true));
    }

    @Test
    void theAddressesOfOneIpv6SlashSixtyFourAreOneAddress() {
        // One home or one guesser's host gets a /64: 2^64 addresses, each with its own five failures, were no limit.
        // (Literal documentation addresses, RFC 3849: only counted, never contacted.)
        for (int i = 1; i <= SignInThrottle.PER_ADDRESS; i++) {
            assertThat(wrong("2001:db8:1:2::" + i)).isEqualTo(new SignInThrottle.Attempt.Checked(false));
        }

        assertThat(right("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo(new SignInThrottle.Attempt.Refused(60));
        assertThat(right("[2001:db8:1:2:a:b:c:d]")).as("as Jetty writes a peer").isInstanceOf(
                SignInThrottle.Attempt.Refused.class);
        assertThat(right("2001:db8:1:3::1")).as("the next /64").isEqualTo(new SignInThrottle.Attempt.Checked(true));
    }

    @Test
    void anIpv4AddressWrittenAsIpv6IsThatIpv4Address() {
        failFiveTimes("10.0.0.7");

        assertThat(right("::ffff:10.0.0.7")).isEqualTo(new SignInThrottle.Attempt.Refused(60));
        assertThat(right("::ffff:10.0.0.8")).as("another IPv4 address").isEqualTo(
                new SignInThrottle.Attempt.Checked(true));
    }

    @Test
    void aRightPasswordCostsNothingButDoesNotWipeTheAddresssFailures() {
        for (int i = 0; i < SignInThrottle.PER_ADDRESS - 1; i++) {
            wrong("10.0.0.7");
        }
        assertThat(right("10.0.0.7")).isEqualTo(new SignInThrottle.Attempt.Checked(true));
        assertThat(right("10.0.0.7")).as("a right password spends none of the five")
                .isEqualTo(new SignInThrottle.Attempt.Checked(true));

        // A viewer guessing the installer's password signs in with their own after every four guesses. Until
        // 2026-12-01 that cleared the address's count: five guesses a round, held only by the common budget (about
        // 28,800 a day); now the fifth failure is the address's last until a minute has passed.
        assertThat(wrong("10.0.0.7")).isEqualTo(new SignInThrottle.Attempt.Checked(false));
        assertThat(wrong("10.0.0.7")).isEqualTo(new SignInThrottle.Attempt.Refused(60));
        clock.advanceSeconds(5 * 60);
        failFiveTimes("10.0.0.7");
    }

    @Test
    void manyAddressesTogetherAreHeldToTheCommonBudget() {
        for (int i = 0; i < SignInThrottle.ALL_ADDRESSES; i++) {
            assertThat(wrong("10.0.1." + i)).isEqualTo(new SignInThrottle.Attempt.Checked(false));
        }

        assertThat(right("10.0.2.1")).isEqualTo(new SignInThrottle.Attempt.Refused(SignInThrottle.ALL_REFILL_SECONDS));
        clock.advanceSeconds(SignInThrottle.ALL_REFILL_SECONDS);
        assertThat(right("10.0.2.1")).isEqualTo(new SignInThrottle.Attempt.Checked(true));
    }

    @Test
    void onePasswordIsCheckedAtATime() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<SignInThrottle.Attempt> slow = other.submit(() -> throttle.attempt("10.0.0.7", () -> {
            checking.countDown();
            try {
                return finish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(checking.await(5, TimeUnit.SECONDS)).isTrue();

        SignInThrottle.Attempt meanwhile = right("10.0.0.8");
        finish.countDown();

        assertThat(meanwhile).as("not a failure: another check was under way").isEqualTo(new SignInThrottle.Attempt.Busy(1));
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(new SignInThrottle.Attempt.Checked(true));
    }

    @Test
    void attemptsMadeWhileOthersAreCheckedCountAgainstTheFive() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService guessers = Executors.newFixedThreadPool(8);
        try {
            List<Future<SignInThrottle.Attempt>> attempts = new ArrayList<>();
            attempts.add(guessers.submit(() -> throttle.attempt("10.0.0.9", () -> {
                checking.countDown();
                try {
                    finish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            })));
            assertThat(checking.await(5, TimeUnit.SECONDS)).isTrue();
            // While the first guess is being hashed, seven more arrive from the same address: four are counted against
            // the five and wait their turn, three are refused at once. The hash ends only when those three have been.
            int guesses = 7;
            for (int i = 0; i < guesses; i++) {
                attempts.add(guessers.submit(() -> wrong("10.0.0.9")));
            }
            int refusedAtOnce = guesses - (SignInThrottle.PER_ADDRESS - 1);
            List<Future<SignInThrottle.Attempt>> later = attempts.subList(1, attempts.size());
            Await.until(refusedAtOnce + " of them answered while the first is being checked", Duration.ofSeconds(10),
                    () -> later.stream().filter(Future::isDone).count() >= refusedAtOnce);
            List<SignInThrottle.Attempt> answered = new ArrayList<>();
            for (Future<SignInThrottle.Attempt> a : later) {
                if (a.isDone()) {
                    answered.add(a.get());
                }
            }
            finish.countDown();
            assertThat(answered).as("attempts answered while the first was being checked").hasSize(refusedAtOnce)
                    .allMatch(a -> a instanceof SignInThrottle.Attempt.Refused);

            int checked = 0;
            for (Future<SignInThrottle.Attempt> a : attempts) {
                checked += a.get(10, TimeUnit.SECONDS) instanceof SignInThrottle.Attempt.Checked ? 1 : 0;
            }
            assertThat(checked).as("passwords checked for one address").isEqualTo(SignInThrottle.PER_ADDRESS);
            assertThat(right("10.0.0.9")).isInstanceOf(SignInThrottle.Attempt.Refused.class);
        } finally {
            guessers.shutdownNow();
        }
    }
}
