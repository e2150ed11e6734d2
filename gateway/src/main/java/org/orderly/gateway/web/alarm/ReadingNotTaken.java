package org.orderly.gateway.web.alarm;

/**
 * Why the last cycle did not take the transformer reading it was given, though the meter answered it: the one cause the
 * card says ({@code Overview.readingNotTaken}), the meter's status ({@code MeterView.Status}) and, in conservative mode,
 * the alarm ({@link #alarm()}), all from {@link UntakenReading#why}. Declared in the order the {@code control.mode}
 * event judges the causes (its forms {@code flowsBack}, {@code notFinite}, {@code impossible}, {@code belowPiles},
 * {@code lacksLine}), which is the order a reading with two of them is said by. Until 2026-12-07 the card judged them
 * apart from the alarm, in another order (a reading flowing back past its hold that also lacked a line was LACKS_LINE on
 * the card and METER_FLOWS_BACK in the alarm list), and had no word for a total that is no number (UntakenReadingTest).
 * Moved from {@code web.view} on 2026-12-07; the names sent are the same.
 */
public enum ReadingNotTaken {
    /**
     * The reading flows back to the grid: past its hold ({@code CycleResult#backflow}), or before it, the cycle keeping
     * an earlier reading's households or, with none recent enough, conservative ({@code BackflowWatch#below}).
     */
    FLOWS_BACK(AlarmKind.METER_FLOWS_BACK),
    /** The reading's total is no number (NaN or an infinity: a float register read with the wrong type or word order). */
    NO_NUMBER(AlarmKind.METER_READS_NO_NUMBER),
    /** The reading is beyond what the transformer can carry ({@code CycleResult#impossible}). */
    IMPOSSIBLE(AlarmKind.METER_READS_IMPOSSIBLE),
    /** The reading's total is below what the piles alone drew in it ({@code CycleResult#belowPiles}). */
    BELOW_PILES(AlarmKind.METER_BELOW_PILES),
    /**
     * The reading lacks a line its map reads, for longer than a reading may be old ({@code CycleResult#linesMissing}):
     * recent, not stale, yet that line's room is not known.
     */
    LACKS_LINE(AlarmKind.METER_LACKS_LINE);

    private final AlarmKind alarm;

    ReadingNotTaken(AlarmKind alarm) {
        this.alarm = alarm;
    }

    /** The alarm a conservative cycle refusing a reading for this cause raises, instead of {@link AlarmKind#METER_STALE}. */
    public AlarmKind alarm() {
        return alarm;
    }
}
