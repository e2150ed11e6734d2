package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * A Modbus pile's register reset under a session that goes on, then counting again past the count before the reset
 * (docs/architecture.md, "A pile's count that goes back"): what was counted before is kept and all counted since added,
 * however coarse the register's step and however late an answer. From 2026-12-07 (ends60) until mend60c (read60b) a
 * count back near the one before was taken for a misread of the 0 and the session reverted to its count before the
 * reset: 5 kWh lost on a 1 kWh register, 0.9 kWh on a 0.1 kWh register whose answer came 25 s late.
 */
class SessionTrackerRealCountBegunAgainTest {
    /**
     * P1's register counting in steps of the test's kWh, as the gateway tells its tracker, which a register read 0 once
     * is told by (SessionTrackerZeroReadOnceTest): none of these real resets is taken for one.
     */
    private OneModbusPile pile;

    private PluggedSession modbus(double count, long seconds) {
        return pile.seen(count, seconds);
    }

    /** 5 kWh counted, the register reset, then the car at 32 A and 235 V (7.52 kW) on a 1 kWh register, polled every 5 s. */
    @Test
    void aResetOnAKwhRegisterLosesNothingOnceTheCountPassesTheOneBefore() {
        pile = new OneModbusPile(1.0);
        double kw = 32 * 235 / 1000.0;
        String id = modbus(0, 0).id();
        modbus(5.0, 3000);
        long reset = 3005;
        modbus(0, reset);
        for (long t = reset + 5; t <= reset + 3 * 3600; t += 5) {
            double register = Math.floor(kw * (t - reset) / 3600.0 + 1e-9);
            PluggedSession s = modbus(register, t);
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).as("5 kWh before the reset plus %s since, at %s s", register, t)
                    .isCloseTo(5 + register, within(1e-9));
        }
    }

    /**
     * 1.0 kWh counted, the register (0.1 kWh) reset, the car then at 90 % of the pile's most, polled every 5 s; the
     * answer saying 0.9 came 25 s late, and 1.0 soon after it.
     */
    @Test
    void aResetOnATenthRegisterWithALateAnswerLosesNothing() {
        pile = new OneModbusPile(0.1);
        double kw = 0.9 * pile.compound.kw(0, pile.compound.pile(0).maxCurrentA());
        modbus(0, 0);
        modbus(1.0, 600);
        long reset = 605;
        modbus(0, reset);
        long nineLateUntil = -1;
        for (long t = reset + 5; t <= reset + 3600; t += 5) {
            double register = Math.floor(kw * (t - reset) / 360.0 + 1e-9) / 10;
            if (Math.abs(register - 0.9) < 1e-9) {
                nineLateUntil = nineLateUntil < 0 ? t + 25 : nineLateUntil;
                if (t < nineLateUntil) {
                    continue;
                }
            }
            assertThat(modbus(register, t).deliveredKWh()).as("1.0 kWh before the reset plus %s since, at %s s",
                    register, t).isCloseTo(1.0 + register, within(1e-9));
        }
    }
}
