package org.orderly.gateway.field;

/**
 * The rule the Modbus and the DL/T 645 pollers both keep for a retry after an exchange cut at its deadline while its
 * meter replied (a reply coming a byte at a time), when the retry would go on the line the rest of that reply still
 * comes down (a Modbus serial port; a DL/T 645 line, its port or converter connection kept open): on a line with a
 * transformer meter the retry of any meter, a pile meter's or a transformer meter's own, is not sent in that cycle.
 * Before its own exchange it would wait for the rest of the cut reply and then the line's quiet, and bytes of that
 * reply held by the port undated begin the quiet anew, so the wait is bounded only by the whole reply a byte at each
 * wait; a meter that dripped its reply then drips the retry's, cut again. No reckoning of the cycle's room bounds that,
 * so the meter is stale for the cycle rather than the next transformer read late (the Modbus
 * {@code DrippingRtuRetryTest}, a transformer meter: a retry counted as 718 ms took 1005, past the cycle's end; the
 * DL/T 645 {@code Dlt645QuietAfterCutRoomTest}, a pile meter: a byte 350 ms after a cut at 300 sent the retry at 775
 * and the transformer read at 1445 ms; its {@code aTransformerMetersCutIsNotRetriedInItsCycleEither}, a transformer
 * meter, whose retry the DL/T 645 poller sent until 2026-12-07). Both pollers give it the same two facts, so the rule
 * means one thing. Where it does not bar a retry, each poller's own room rule judges it (a Modbus TCP retry has a
 * connection of its own, which nothing of the cut reply meets; a DL/T 645 transformer meter's retry after a timeout
 * is not judged by room).
 */
public final class RetryAfterCut {
    private RetryAfterCut() {
    }

    /**
     * Whether the rule bars the retry from this cycle, whatever the meter's role.
     *
     * @param cutReplyOnLine          the last try was cut while its meter replied, and the retry goes on the line the
     *                                rest of that reply comes down
     * @param lineHasTransformerMeter the line (bus) carries a transformer meter, whose next read is due at the
     *                                cycle's end and must not be pushed late
     */
    public static boolean barred(boolean cutReplyOnLine, boolean lineHasTransformerMeter) {
        return cutReplyOnLine && lineHasTransformerMeter;
    }
}
