package org.orderly.gateway.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.VirtualClock;

/** Sign-ins lapse after their lifetime without use; a use extends them; the live stream does not. */
class SignInsTest {
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private final SignIns signIns = new SignIns(Duration.ofMinutes(30), clock);
    private final Account li = new Account("li", Role.INSTALLER, PasswordHash.hash("0123456789".toCharArray()));

    @Test
    void aSignInLapsesAfterItsLifetimeWithoutUse() {
        SignIn s = signIns.start(li);
        assertThat(s.token()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(s.csrf());
        clock.advanceSeconds(29 * 60);
        assertThat(signIns.live(s.token())).isTrue();
        clock.advanceSeconds(2 * 60);
        assertThat(signIns.live(s.token())).isFalse();
        assertThat(signIns.use(s.token())).isEmpty();
    }

    @Test
    void aUseExtendsItButTheLiveStreamDoesNot() {
        SignIn s = signIns.start(li);
        clock.advanceSeconds(20 * 60);
        assertThat(signIns.use(s.token())).get().extracting(SignIn::name).isEqualTo("li");
        clock.advanceSeconds(20 * 60);
        assertThat(signIns.live(s.token())).as("40 min after start, 20 after the last use").isTrue();
        clock.advanceSeconds(11 * 60);
        assertThat(signIns.use(s.token())).isEmpty();
    }

    @Test
    void endingAllOfOneUserLeavesTheKeptOneAndOtherUsers() {
        Account wang = new Account("wang", Role.VIEWER, PasswordHash.hash("0123456789".toCharArray()));
        SignIn phone = signIns.start(li);
        SignIn desk = signIns.start(li);
        SignIn office = signIns.start(li);
        SignIn other = signIns.start(wang);

        assertThat(signIns.endAllOf("li", desk.token())).isEqualTo(2);
        assertThat(signIns.live(phone.token())).isFalse();
        assertThat(signIns.live(office.token())).isFalse();
        assertThat(signIns.live(desk.token())).isTrue();
        assertThat(signIns.live(other.token())).isTrue();
        assertThat(signIns.endAllOf("li", null)).isEqualTo(1);
        assertThat(signIns.live(desk.token())).isFalse();
    }

    @Test
    void signingOutEndsItAndUnknownTokensAreNobody() {
        SignIn s = signIns.start(li);
        signIns.end(s.token());
        assertThat(signIns.use(s.token())).isEmpty();
        assertThat(signIns.use(null)).isEmpty();
        assertThat(signIns.use("forged")).isEmpty();
    }
}
