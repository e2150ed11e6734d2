package org.orderly.gateway.field.pile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.orderly.text.Amps;

/**
 * What a bridge says of its pile on {@code /info} ({@code {"maxAmps":32.0,"phases":1,"safeAmps":6.0,...}}), checked
 * against the gateway's configuration. The safe current held for the pile while the gateway cannot hear it is the
 * larger of {@code driver.coap.safeAmps} and the bridge's own: a bridge offering more than the gateway reserves would
 * overload the lines above it. A reply that cannot be believed (a field missing, not a number, out of range) changes
 * nothing: the configured value is held. Every disagreement is one line for the installer naming what to fix. A bridge
 * whose {@code pileId} is not the configured id, compared exactly (case, spaces and all), is another pile's: its
 * figures are not this pile's to check, the configured safe current is held, and {@link Result#otherPile} says so, for
 * the driver to give it no limits. Pure.
 */
public final class BridgeInfoCheck {

    private BridgeInfoCheck() {
    }

    /**
     * @param safeAmps the safe current to hold for the pile while the gateway cannot hear it
     * @param warnings what the installer should fix, one line each; empty when the bridge and the configuration agree
     * @param otherPile the {@code pileId} the bridge gave when it is not the configured one (exactly): the bridge at this
     *                  pile's address is another pile's; empty when it is this pile's or did not say
     * @param said      what the bridge said, read; empty when its reply was refused or cannot be believed
     * @param unread    why its reply was not taken (the refusal, or what in it cannot be believed), as the installer
     *                  reads it after {@code pile p1: }; empty when {@code said} is there
     */
    public record Result(double safeAmps, List<String> warnings, Optional<String> otherPile, Optional<BridgeInfo> said,
                         Optional<String> unread) {
        public Result {
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(otherPile, "otherPile");
            Objects.requireNonNull(said, "said");
            Objects.requireNonNull(unread, "unread");
            if (said.isPresent() == unread.isPresent()) {
                throw new IllegalArgumentException("either what the bridge said or why it was not taken, not both: " + said
                        + ", " + unread);
            }
        }

        /** What the bridge said, as {@link BridgeInfo#parse} read it. */
        static Result of(double safeAmps, List<String> warnings, Optional<String> otherPile, BridgeInfo said) {
            return new Result(safeAmps, warnings, otherPile, Optional.of(said), Optional.empty());
        }

        /** A reply not taken ({@code why}: a refusal, or what in it cannot be believed), with its one warning. */
        static Result unread(double safeAmps, String warning, String why) {
            return new Result(safeAmps, List.of(warning), Optional.empty(), Optional.empty(), Optional.of(why));
        }
    }

    /**
     * @param idChecked          whether {@code pileId} is the pile's id in the configuration, which the bridge's must be;
     *                           false for a name a command gave it ({@code --id})
     * @param address            where the driver reached the bridge ({@code coap://10.20.0.11:5683}), said with a bridge
     *                           that is another pile's
     * @param configuredSafeAmps the pile's {@code driver.coap.safeAmps}
     * @param rating             what {@code compound.piles} says of the pile; empty: its maxA and phase are not checked
     * @param payload            the body of the bridge's {@code GET /info}
     */
    public static Result check(String pileId, boolean idChecked, String address, double configuredSafeAmps,
                               Optional<PileRating> rating, byte[] payload) {
        BridgeInfo info;
        try {
            info = BridgeInfo.parse(payload);
        } catch (IllegalArgumentException bad) {
            String why = "/info " + bad.getMessage();
            return Result.unread(configuredSafeAmps, "pile " + pileId + ": " + why
                    + "; holding the configured driver.coap.safeAmps " + amps(configuredSafeAmps), why);
        }
        if (idChecked && !info.pileId().equals(pileId)) {
            return Result.of(configuredSafeAmps, List.of(OtherPile.said(pileId, info.pileId(), address,
                    amps(configuredSafeAmps))), Optional.of(info.pileId()), info);
        }
        double held = Math.max(configuredSafeAmps, info.safeAmps());
        List<String> warnings = new ArrayList<>();
        if (info.safeAmps() != configuredSafeAmps) {
            warnings.add("pile " + pileId + ": the bridge's safe current (/info safeAmps, its --safe-amps) is "
                    + amps(info.safeAmps()) + ", driver.coap.safeAmps " + amps(configuredSafeAmps) + "; holding "
                    + amps(held) + " for it while it is offline. Set driver.coap.safeAmps of pile " + pileId
                    + " to the bridge's --safe-amps");
        }
        rating.ifPresent(r -> {
            if (info.phases() != r.phases()) {
                warnings.add("pile " + pileId + ": the bridge says it is on " + phases(info.phases())
                        + " (/info phases), its phase in compound.piles " + phases(r.phases())
                        + "; the gateway plans and holds its current on the configured phase. Fix the phase of pile "
                        + pileId + " or the bridge's --phases");
            }
            if (info.maxAmps() < r.maxAmps()) {
                warnings.add("pile " + pileId + ": the bridge's maxAmps " + amps(info.maxAmps())
                        + " is below its maxA " + amps(r.maxAmps()) + " in compound.piles; the bridge will refuse a limit"
                        + " above " + amps(info.maxAmps()) + ". Set maxA of pile " + pileId + " to the bridge's --max-amps"
                        // check-config refuses a maxA below minA: that too, then, or the installer is told what it refuses
                        + (info.maxAmps() < r.minAmps() ? ", and its minA, " + amps(r.minAmps()) + " now, to no more than that"
                                : ""));
            } else if (info.maxAmps() > r.maxAmps()) {
                warnings.add("pile " + pileId + ": the bridge's maxAmps " + amps(info.maxAmps())
                        + " is above its maxA " + amps(r.maxAmps()) + " in compound.piles; the gateway gives it at most "
                        + amps(r.maxAmps()) + ". Check maxA of pile " + pileId + " against the bridge's --max-amps");
            }
        });
        return Result.of(held, warnings, Optional.empty(), info);
    }

    /**
     * A bridge that refused a limit naming this pile as one for another pile ({@code 4.03 limit for pile "p0" sent to
     * pile "p1"}): held as one whose {@code /info} names that pile, with the same line, until {@code /info} is read.
     *
     * @param bridgeSays the pile the bridge said it is
     * @param refusal    the operation, the code and the bridge's reason
     */
    public static Result limitForAnotherPile(String pileId, String address, double configuredSafeAmps, String bridgeSays,
                                             String refusal) {
        return new Result(configuredSafeAmps, List.of(OtherPile.said(pileId, bridgeSays, address,
                amps(configuredSafeAmps))), Optional.of(bridgeSays), Optional.empty(),
                Optional.of(BridgeInfo.oneLine(refusal)));
    }

    /**
     * A bridge that refused {@code operation}, its {@code GET /info}, with {@code answer} (its code and reason, {@code
     * 4.04 NOT_FOUND}): nothing known. Said as "the bridge refused GET .../info (4.04 NOT_FOUND)": until 2026-12-06 the
     * operation and the code were joined with a colon, and {@code pile get} printed {@code /info could not be taken: GET
     * .../info: 4.04 NOT_FOUND}, /info twice and no word of who refused.
     */
    public static Result refused(String pileId, double configuredSafeAmps, String operation, String answer) {
        String said = "the bridge refused " + operation + " (" + BridgeInfo.oneLine(answer) + ")";
        return Result.unread(configuredSafeAmps, "pile " + pileId + ": " + said
                + "; holding the configured driver.coap.safeAmps " + amps(configuredSafeAmps), said);
    }

    /** As the page and the orderly command say a current (10 A, not 10.0 A): selftest prints these lines. */
    private static String amps(double a) {
        return Amps.of(a);
    }

    private static String phases(int n) {
        return n == 1 ? "1 phase" : n + " phases";
    }

}
