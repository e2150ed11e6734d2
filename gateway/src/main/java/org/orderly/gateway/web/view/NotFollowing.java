package org.orderly.gateway.web.view;

import java.util.Locale;
import java.util.Optional;
import org.orderly.gateway.core.limit.FollowHold;
import org.orderly.gateway.core.model.Compound;
import org.orderly.text.Amps;

/**
 * Whether a pile heard from draws clearly more than the control cycle gives it: a car that does not follow its offer,
 * or a pile that does not pass it on (a safety matter: the room the cycle shares out assumes it does). Clearly more is
 * more than {@link #WITHIN_A} above the current given, the tolerance {@code core.limit.FollowHold} allows a car that
 * has followed (meters and chargers round). The time a car may take to follow a lower offer is the alarm's hold
 * ({@code AlarmKind.PILE_NOT_FOLLOWING}), not judged here.
 */
final class NotFollowing {
    /** The hold's own tolerance: a draw within this of the offer has followed it. */
    static final double WITHIN_A = FollowHold.FOLLOWED_WITHIN_A;

    private NotFollowing() {
    }

    /**
     * The alarm's detail, what the pile draws and what it was given ({@code "11.0 kW; 6 A"}), when it draws clearly
     * more than {@code givenA}; empty when it follows.
     */
    static Optional<String> detail(Compound compound, int pileIndex, double drawKw, double givenA) {
        if (!Double.isFinite(drawKw) || drawKw <= 0) {
            return Optional.empty();
        }
        double drawA = drawKw / compound.kwPerAmp(pileIndex);
        if (drawA <= givenA + WITHIN_A) {
            return Optional.empty();
        }
        // the current as the pile's row says it (6 A), not Java's 6.0
        return Optional.of(String.format(Locale.ROOT, "%.1f kW; %s", drawKw, Amps.of(givenA)));
    }
}
