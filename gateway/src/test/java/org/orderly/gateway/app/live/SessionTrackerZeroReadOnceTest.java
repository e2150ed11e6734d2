package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * A Modbus pile's register that reads 0 in one answer and then its true count again, the same car charging on
 * (docs/architecture.md, "A pile's count that goes back"): the 0 was misread, and nothing is counted twice. Until
 * 2026-12-07 (sess61) the 0 was a count begun again and the true count after it was added to all counted before it
 * (12.2 kWh for a car that took 6.1). Each count goes through the driver's bound first, as counts go.
 */
class SessionTrackerZeroReadOnceTest {
    private OneModbusPile pile;

    /** P1 on a register counting in steps of {@code stepKwh}, as the gateway gives its tracker and its driver. */
    private void register(double stepKwh) {
        pile = new OneModbusPile(stepKwh);
    }

    private PluggedSession read(double count, long seconds, int cycles) {
        return pile.read(count, seconds, cycles);
    }

    private PluggedSession read(double count, long seconds) {
        return pile.read(count, seconds);
    }

    @Test
    void aZeroReadOnceOnATenthRegisterIsNotCountedTwice() {
        register(0.1);
        String id = read(0, 0).id();
        read(3.0, 1500);
        read(6.1, 3000, 3);
        assertThat(read(0, 3005, 3).deliveredKWh()).as("the 0, while it stands").isCloseTo(6.1, within(1e-9));
        PluggedSession back = read(6.1, 3010);
        assertThat(back.id()).isEqualTo(id);
        assertThat(back.deliveredKWh()).as("its true count again").isCloseTo(6.1, within(1e-9));
        assertThat(read(6.2, 3060).deliveredKWh()).as("and on").isCloseTo(6.2, within(1e-9));
    }

    @Test
    void aZeroReadOnceOnAKwhRegisterIsNotCountedTwice() {
        register(1.0);
        read(0, 0);
        read(5.0, 3000);
        read(0, 3005);
        assertThat(read(5.0, 3010).deliveredKWh()).isCloseTo(5.0, within(1e-9));
        assertThat(read(6.0, 3500).deliveredKWh()).isCloseTo(6.0, within(1e-9));
    }

    /** Held: the car full, the count unchanged for two hours before the 0; the reset bound runs from its last reading. */
    @Test
    void aZeroAfterACountHeldLongIsJudgedFromItsLastReading() {
        register(0.1);
        read(0, 0);
        read(6.1, 3000);
        for (long t = 3005; t <= 3000 + 7200; t += 5) {
            read(6.1, t);
        }
        read(0, 10205);
        assertThat(read(6.1, 10210).deliveredKWh()).isCloseTo(6.1, within(1e-9));
    }

    /** A declaration made while the 0 stood is the session's still once the 0 is found misread. */
    @Test
    void theDeclarationMadeWhileTheZeroStoodIsKept() {
        register(0.1);
        read(0, 0);
        read(6.1, 3000);
        read(0, 3005);
        Declaration declared = new Declaration(OneModbusPile.PLUGGED.plusSeconds(9 * 3600), 20);
        assertThat(pile.tracker.declare(0, declared)).isTrue();
        assertThat(read(6.1, 3010).deliveredKWh()).isCloseTo(6.1, within(1e-9));
        assertThat(pile.tracker.declarations()).containsValue(declared);
    }

    /**
     * Only the first count after the 0 is judged: a real reset whose count first moves off 0 below the count before is
     * counted on from 0 however far it climbs, and one back to its old count soon after is a count begun again too
     * (no more than it could have counted since its count before was last read, a step of its register allowed).
     */
    @Test
    void aRealResetIsNeverTakenForAMisread() {
        register(0.1);
        read(0, 0);
        read(0.3, 150);
        read(0, 155);
        assertThat(read(0.1, 200).deliveredKWh()).as("its first count off 0").isCloseTo(0.4, within(1e-9));
        assertThat(read(0.3, 320).deliveredKWh()).as("climbed to the count before").isCloseTo(0.6, within(1e-9));
        read(0, 325);
        assertThat(read(0.3, 460).deliveredKWh()).as("back to its count before, no faster than the pile could")
                .isCloseTo(0.9, within(1e-9));
    }
}
