package org.orderly.tools.commission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.field.pile.PileState;

/**
 * What an installer must hear about a pile that answers: why it holds itself in fault (the bridge's {@code fault}) and
 * whether its own meter answers (the bridge's {@code meterOk}), in plain words. The reasons are the bridge's
 * (docs/firmware-bridge.md, Protections); one not known here is shown as the bridge sent it.
 */
final class PileHealth {
    private static final Map<String, String> ADVICE = Map.of(
            "residual current", "the residual current monitor tripped and charging stopped; have an electrician check "
                    + "the pile, the cable and the car (it clears once the monitor is normal and the car is unplugged)",
            "residual current monitor unreadable", "the bridge cannot read its residual current monitor, so it will "
                    + "not charge; check the monitor and its wiring to the bridge (it clears once the monitor reads "
                    + "again and the car is unplugged)",
            "contactor welded", "the contactor stays closed while the bridge tells it to open, so the pile may carry "
                    + "current it does not offer; switch the pile off at its breaker and have it checked at once "
                    + "(only a restart of the bridge clears it)",
            "contactor did not close", "the contactor stayed open when told to close, so charging stopped; check its "
                    + "coil and wiring (it clears once the car is unplugged)",
            "contactor feedback unreadable", "the bridge cannot read the contactor's feedback input, so a welded "
                    + "contactor would go unseen and it will not charge; check that input's wiring (it clears once it "
                    + "reads again and the car is unplugged)",
            "vehicle over current", "the car drew more than the pilot offered it for over 7 s, so charging "
                    + "stopped; have the car's on-board charger checked if it happens again (it clears once the car is "
                    + "unplugged)",
            "control pilot cannot be driven", "the bridge cannot set its control pilot's PWM, so the car cannot be "
                    + "told what it may draw and the relay stays open; check the pilot output and its wiring (it "
                    + "clears once the pilot is driven again)",
            "relay cannot be opened", "the bridge cannot open the contactor's relay, so the pile may still carry "
                    + "current (its pilot at F for the car to stop on); switch the pile off at its breaker and check the "
                    + "relay output and its wiring (it clears once the relay opens)",
            "relay cannot be closed", "the bridge cannot write the contactor's relay output, so the pile cannot "
                    + "charge (the relay open, its pilot at F); check the relay output and its wiring (it clears once "
                    + "the output can be written again)");

    private PileHealth() {
    }

    /** Each problem the status names, one line each: every fault reason, then a silent meter; none when it is well. */
    static List<String> problems(PileState s) {
        List<String> lines = new ArrayList<>();
        s.fault().ifPresent(joined -> {
            for (String reason : joined.split("; ")) {
                String advice = ADVICE.get(reason);
                lines.add("FAULT " + reason + ": " + (advice != null ? advice
                        : "the pile holds itself in fault (a reason this tool does not know; see the bridge's log)"));
            }
        });
        if (s.meterOk().equals(Optional.of(false))) {
            // "its", not "pile": a line starts with the pile's id, "pile" itself when pile get is given no --id, and
            // until 2026-12-07 said "pile: pile meter not answering"
            lines.add("its meter not answering: its power is an estimate (the most the offer allows) and its session's "
                    + "energy is held; check the meter's wiring, unit id and line settings (the bridge's --meter-* options)");
        }
        return lines;
    }

    /** The facts a well pile adds to its status line: how long its car has been plugged in, that its meter answers. */
    static String extras(PileState s) {
        StringBuilder b = new StringBuilder();
        s.pluggedFor().ifPresent(d -> b.append(", plugged in for ").append(duration(d)));
        if (s.meterOk().equals(Optional.of(true))) {
            b.append(", its meter answers");
        }
        return b.toString();
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
