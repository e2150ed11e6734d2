package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On a serial bus with a transformer meter, a pile meter that drips every reply (pa, cut at 418 ms) does not keep the
 * pile meter after it unread, as it did on a DL/T 645 line until mend59j of 2026-12-07 ({@code
 * Dlt645SlowPileMeterStarvesNoneTest}): there the request after a cut reply waited for the line's quiet only until its
 * send-by time and was then not sent, the meter passed over every cycle. The Modbus link waits for that quiet itself,
 * and sends the request after it with the timeout the poller gave it (docs/register-maps.md, "The poller": the
 * transformer read may come that much late), so no pile meter is passed over for another's cut, and the poller needs
 * no turn for it. Pile meters answer in 60 ms, the transformer meter too; the default timing, a controlled clock.
 */
class DrippingPileMeterStarvesNoneTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));

    @Test
    void aDrippingPileMeterLeavesTheOthersTheirTurn() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(60)).drips(2, DrippingRetryRoomTest.SERIAL_CUT);
        CollectingListener listener = new CollectingListener();
        BusPoller poller = DrippingRetryRoomTest.serialPoller(clock, link, listener,
                new Meter("tx", 1, OneRegisterMap.POWER, MeterRole.TRANSFORMER), new Meter("pa", 2, OneRegisterMap.POWER,
                        MeterRole.PILE), new Meter("pb", 3, OneRegisterMap.POWER, MeterRole.PILE),
                new Meter("pc", 4, OneRegisterMap.POWER, MeterRole.PILE));
        for (int cycle = 0; cycle < 12; cycle++) {
            poller.runCycle();
        }
        poller.close();

        List<Integer> asked = link.requests.stream().map(ScriptedLink.Request::unitId).toList();
        assertThat(listener.readings).as("the transformer meter, every cycle; asked in turn: %s", asked)
                .filteredOn(r -> r.meterId().equals("tx")).hasSize(12);
        assertThat(listener.failures).as("pa's cuts, asked in turn: %s", asked)
                .allSatisfy(f -> assertThat(f.meterId()).isEqualTo("pa")).isNotEmpty();
        for (String pile : List.of("pb", "pc")) {
            assertThat(listener.readings).as("%s read; asked in turn: %s", pile, asked)
                    .filteredOn(r -> r.meterId().equals(pile)).hasSizeGreaterThanOrEqualTo(10);
        }
    }
}
