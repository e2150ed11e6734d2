package org.orderly.gateway.field.pile;

import java.util.List;
import java.util.Optional;

/** Stub. */
public final class BridgeInfoCheck {

    private BridgeInfoCheck() {
    }

    /**
     * @param safeAmps the safe current to hold for the pile while it is offline
     * @param warnings what the installer should fix, one line each
     */
    public record Result(double safeAmps, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    public static Result check(String pileId, double configuredSafeAmps, Optional<PileRating> rating, byte[] info) {
        return new Result(configuredSafeAmps, List.of());
    }
}
