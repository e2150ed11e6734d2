package org.orderly.bridge.pile;

import java.math.BigDecimal;
import java.util.Objects;
import org.orderly.bridge.pilot.PilotMapping;
import org.orderly.text.AsWritten;

/**
 * What a pile is and how it behaves without a gateway.
 *
 * @param pileId          the pile's id in the compound configuration
 * @param firmwareVersion reported on {@code /info}
 * @param minAmps         lowest current the pile offers while charging (>= 6 A)
 * @param maxAmps         highest current (<= 80 A and the pile's rating)
 * @param phases          1 or 3
 * @param voltsPerPhase   nominal phase voltage for power estimates (220 V in China)
 * @param safeAmps        current applied when no lease holds: 0 or within [min, max]
 */
public record PileConfig(String pileId, String firmwareVersion, double minAmps, double maxAmps,
                         int phases, double voltsPerPhase, double safeAmps) {

    public PileConfig {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        if (pileId.isBlank()) {
            throw new IllegalArgumentException("pile id must not be blank");
        }
        if (!(minAmps >= PilotMapping.MIN_AMPS && minAmps <= maxAmps && maxAmps <= PilotMapping.MAX_AMPS)) {
            throw new IllegalArgumentException("pile " + pileId + ": need " + AsWritten.number(PilotMapping.MIN_AMPS)
                    + " A <= min (" + AsWritten.number(minAmps) + ") <= max (" + AsWritten.number(maxAmps) + ") <= "
                    + AsWritten.number(PilotMapping.MAX_AMPS) + " A");
        }
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("pile " + pileId + ": phases must be 1 or 3, got " + phases);
        }
        if (!(voltsPerPhase > 0.0)) {
            throw new IllegalArgumentException("pile " + pileId + ": voltage must be > 0 V, got " + voltsPerPhase);
        }
        if (!accepts(safeAmps, minAmps, maxAmps)) {
            throw new IllegalArgumentException("pile " + pileId + ": safe current " + AsWritten.number(safeAmps)
                    + " A must be 0 or within [" + AsWritten.number(minAmps) + ", " + AsWritten.number(maxAmps) + "] A");
        }
    }

    /** A 7 kW single-phase home pile (32 A) whose safe current is 6 A, of this build's firmware. */
    public static PileConfig homePile(String pileId) {
        return new PileConfig(pileId, FirmwareVersion.ofThisBuild(), 6.0, 32.0, 1, 220.0, 6.0);
    }

    /** Whether {@code amps} is a current this pile may be told to offer: 0 or within [min, max]. */
    public boolean accepts(double amps) {
        return accepts(amps, minAmps, maxAmps);
    }

    /**
     * As {@link #accepts(double)}, for a current as sent: {@code 5.9999999999999999999} is below 6 A. The bounds are
     * taken as written ({@code valueOf}): the double's binary value of a maximum 16.7 A is 16.6999..., which would
     * refuse a limit sent at exactly 16.7.
     */
    public boolean accepts(BigDecimal amps) {
        return amps.signum() == 0
                || (amps.compareTo(BigDecimal.valueOf(minAmps)) >= 0 && amps.compareTo(BigDecimal.valueOf(maxAmps)) <= 0);
    }

    private static boolean accepts(double amps, double min, double max) {
        return amps == 0.0 || (amps >= min && amps <= max);
    }
}
