package org.orderly.tools.commission;

import java.util.Optional;
import org.orderly.gateway.field.pile.BridgeInfo;
import org.orderly.gateway.field.pile.CoapPileDriver;
import org.orderly.gateway.field.pile.OtherPile;
import org.orderly.text.Amps;

/**
 * Who a bridge says it is ({@code /info}, as the gateway's driver read it), for {@code pile get} and {@code pile set}:
 * so that two piles' addresses swapped are seen while commissioning, not only by the running gateway. Call once the
 * driver gave a status: it gives none before its first {@code /info} read has ended.
 */
final class BridgeIdentity {

    private BridgeIdentity() {
    }

    /** One line: what the bridge's {@code /info} says, or why it is not known. */
    static String line(String id, CoapPileDriver d) {
        return d.bridgeInfo().map(r -> r.said().map(i -> said(id, i))
                        .orElseGet(() -> id + ": " + r.unread().orElseThrow() + NOT_KNOWN))
                .orElseGet(() -> id + ": /info not read: the bridge did not answer GET " + d.address() + "/info" + NOT_KNOWN);
    }

    private static final String NOT_KNOWN = "; which pile it says it is, its firmware and its range are not known";

    /** {@code p7: the bridge says it is pile "p7" (/info), firmware 1.2.0, 6 A to 32 A, 1 phase, safe current 6 A}. */
    static String said(String id, BridgeInfo i) {
        return id + ": the bridge says it is pile " + OtherPile.quoted(i.pileId()) + " (/info), firmware "
                + i.firmwareVersion().map(OtherPile::quoted).orElse("not said") + ", "
                + i.minAmps().map(min -> Amps.of(min) + " to ").orElse("at most ") + Amps.of(i.maxAmps()) + ", "
                + (i.phases() == 1 ? "1 phase" : i.phases() + " phases") + ", safe current " + Amps.of(i.safeAmps());
    }

    /**
     * The line saying the bridge is another pile than {@code --id}, compared exactly as the gateway compares it with the
     * configured pile; empty when {@code --id} was not given (it is then only a name), or the bridge says it is that
     * pile, or did not say.
     */
    static Optional<String> otherThanGiven(PileTarget target, CoapPileDriver d, String fix) {
        if (!target.idGiven()) {
            return Optional.empty();
        }
        return d.bridgeInfo().flatMap(r -> r.said()).map(BridgeInfo::pileId).filter(said -> !said.equals(target.id))
                .map(said -> OtherPile.saidToCommand(target.id, said, d.address(), fix));
    }
}
