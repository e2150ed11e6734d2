package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pile.PileFault;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.web.alarm.AlarmKind;

/** The page shows every reason the scheduler can give and every alarm, in Chinese and in English. */
class MessagesTest {
    @Test
    void everyPileReasonHasATextInBothLanguages() {
        for (String lang : new String[] {"zh", "en"}) {
            Map<String, String> messages = Messages.bundle(lang).orElseThrow();
            for (PileReason r : PileReason.values()) {
                assertThat(messages).as("%s: reason.%s", lang, r).containsKey("reason." + r.name());
            }
            assertThat(messages).as(lang).containsKeys("reason.PILE_OFFLINE", "reason.WAITING_UNTIL", "reason.TURN_FROM");
        }
    }

    @Test
    void everyAlarmHasATextInBothLanguages() {
        for (String lang : new String[] {"zh", "en"}) {
            Map<String, String> messages = Messages.bundle(lang).orElseThrow();
            for (AlarmKind kind : AlarmKind.values()) {
                assertThat(messages).as("%s: alarm.%s", lang, kind).containsKey("alarm." + kind.name());
            }
        }
    }

    /**
     * Every reason the bridge gives for a fault ({@link PileFault#REASONS}, held to its factories by the bridge's
     * PileFaultTest; {@code docs/firmware-bridge.md}, Protections), as the page looks them up (app.js faultText).
     */
    @Test
    void everyFaultReasonOfTheBridgeHasATextInBothLanguages() {
        assertThat(PileFault.REASONS).isNotEmpty();
        for (String lang : new String[] {"zh", "en"}) {
            Map<String, String> messages = Messages.bundle(lang).orElseThrow();
            assertThat(PileFault.REASONS.stream().map(r -> "fault." + r.replaceAll("[^A-Za-z0-9]+", "_")))
                    .as("%s: the bridge's fault reasons without a text", lang)
                    .filteredOn(key -> !messages.containsKey(key)).isEmpty();
        }
    }

    /**
     * Every refusal the page can meet ({@link Refusal}, sent as the error's {@code code}), as app.js refusal looks it
     * up, with the same arguments in both languages; a code without a text would be shown as the server's English line.
     */
    @Test
    void everyRefusalHasATextInBothLanguagesWithTheSameArguments() {
        Map<String, String> zh = Messages.bundle("zh").orElseThrow();
        Map<String, String> en = Messages.bundle("en").orElseThrow();
        for (Refusal r : Refusal.values()) {
            String key = "refusal." + r.name();
            assertThat(zh).as("zh: %s", key).containsKey(key);
            assertThat(en).as("en: %s", key).containsKey(key);
            assertThat(arguments(zh.get(key))).as(key).isEqualTo(arguments(en.get(key)));
        }
    }

    /**
     * Why a change's event was not recorded, as app.js notRecorded says it: each of the answer's own codes
     * ({@link ChangeRecord.Unrecorded}) by its {@code notRecorded.} text, a store failure's SQLite code by the store
     * alarm's {@code sqlite.} text (another code by {@code sqlite.other}). Until 2026-12-07 the page said the gateway's
     * English line, on the Chinese page too.
     */
    @Test
    void everyReasonAChangeWasNotRecordedHasATextInBothLanguages() {
        for (String lang : new String[] {"zh", "en"}) {
            Map<String, String> messages = Messages.bundle(lang).orElseThrow();
            for (ChangeRecord.Unrecorded why : ChangeRecord.Unrecorded.values()) {
                assertThat(messages).as("%s: notRecorded.%s", lang, why).containsKey("notRecorded." + why.name());
            }
            assertThat(messages).as(lang).containsKeys("sqlite.SQLITE_READONLY", "sqlite.SQLITE_FULL",
                    "sqlite.SQLITE_IOERR", "sqlite.other");
        }
    }

    private static Set<String> arguments(String text) {
        return Pattern.compile("\\{([a-z]+)}").matcher(text).results().map(m -> m.group(1)).collect(Collectors.toSet());
    }

    /**
     * The control mode says what it does, not one of its causes: CONSERVATIVE is the mode for a stale transformer
     * reading and for one flowing back to the grid (ControlCycle), when the meter answers and its alarm,
     * METER_FLOWS_BACK, beside the mode says so; the cause is the alarm's to say.
     */
    @Test
    void everyControlModeHasATextAndTheConservativeOneNamesNoCause() {
        for (String lang : new String[] {"zh", "en"}) {
            Map<String, String> messages = Messages.bundle(lang).orElseThrow();
            for (ControlMode mode : ControlMode.values()) {
                assertThat(messages).as("%s: mode.%s", lang, mode).containsKey("mode." + mode.name());
            }
        }
        assertThat(Messages.bundle("en").orElseThrow().get("mode.CONSERVATIVE")).doesNotContainIgnoringCase("stale");
        assertThat(Messages.bundle("zh").orElseThrow().get("mode.CONSERVATIVE")).doesNotContain("过期");
    }

    /**
     * A pile column's header says what the column shows, with its unit, in English as in Chinese (电流 A, 功率 kW):
     * on a phone each header is the label of its row in the pile's card, where a bare "A" or "kW" says nothing.
     */
    @Test
    void thePileColumnsOfCurrentAndPowerAreNamedNotOnlyTheirUnits() {
        for (String lang : new String[] {"zh", "en"}) {
            Map<String, String> messages = Messages.bundle(lang).orElseThrow();
            assertThat(messages.get("piles.amps")).as("%s: piles.amps", lang).endsWith(" A");
            assertThat(messages.get("piles.kw")).as("%s: piles.kw", lang).endsWith(" kW");
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(Messages.bundle("en").orElseThrow().keySet())
                .containsExactlyInAnyOrderElementsOf(Messages.bundle("zh").orElseThrow().keySet());
    }
}
