package org.orderly.tools.commission;

import java.util.Optional;
import org.orderly.gateway.field.pile.BridgeInfo;
import org.orderly.gateway.field.pile.BridgeInfoCheck;
import org.orderly.gateway.field.pile.CoapPileDriver;
import org.orderly.text.Amps;

/**
 * The range a bridge says its pile takes ({@code /info}'s {@code minAmps} and {@code maxAmps}), which {@code pile set}
 * checks a limit against before sending it: the bridge would refuse one outside it (docs/firmware-bridge.md, {@code PUT
 * /limit}), so it is bad input, known before anything is sent. Until 2026-12-06 such a limit was sent, and the bridge's
 * 4.00 came back as a refusal, exit 1.
 */
final class BridgeRange {

    private BridgeRange() {
    }

    /**
     * The line refusing {@code amps} when the bridge's {@code /info}, as the driver read it, says its pile does not take
     * it; empty for a pause (0), a limit within the range, and a bridge whose {@code /info} was not read or not believed
     * (it judges the limit itself). A bridge that leaves out {@code minAmps} (it is only shown: {@link BridgeInfo}) is
     * held to its {@code maxAmps} alone.
     */
    static Optional<String> refusal(double amps, CoapPileDriver d) {
        Optional<BridgeInfo> said = d.bridgeInfo().flatMap(BridgeInfoCheck.Result::said);
        if (amps == 0 || said.isEmpty()) {
            return Optional.empty();
        }
        BridgeInfo info = said.get();
        boolean below = info.minAmps().map(min -> amps < min).orElse(false);
        if (!below && amps <= info.maxAmps()) {
            return Optional.empty();
        }
        String range = info.minAmps().map(min -> Amps.number(min) + ".." + Amps.of(info.maxAmps()) + " (its minAmps and maxAmps)")
                .orElse("up to " + Amps.of(info.maxAmps()) + " (its maxAmps; it says no minAmps)");
        return Optional.of("AMPS " + Amps.number(amps) + " is outside the range the bridge at " + d.address()
                + " says its pile has (/info): 0 (pause) or " + range + "; nothing was sent");
    }
}
