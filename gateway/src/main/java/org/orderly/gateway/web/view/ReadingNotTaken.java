package org.orderly.gateway.web.view;

/**
 * Why the card shows no transformer load where the meter's status ({@link MeterView.Status}) does not say it, or says
 * it wrongly: the last cycle did not take its reading as the present load, though the meter answers. Stale and missing
 * readings, and one flowing back past its hold, the status says; until 2026-12-07 these cases said no line of why, or
 * that the reading was stale (CardLoadsTest, WebPageOneLanguageBrowserTest.aReadingNotTakenSaysWhyInTheLanguageOfThePage).
 */
public enum ReadingNotTaken {
    /** The reading's total is below what the piles alone drew in it ({@code CycleResult#belowPiles}). */
    BELOW_PILES,
    /** The reading flows back to the grid, before its hold or past it ({@code BackflowWatch}). */
    FLOWS_BACK,
    /** The reading is beyond what the transformer can carry ({@code CycleResult#impossible}). */
    IMPOSSIBLE,
    /**
     * The reading lacks a line its map reads, for longer than a reading may be old ({@code CycleResult#linesMissing}):
     * recent, not stale, yet that line's room is not known. Added 2026-12-07: the card said it stale until then.
     */
    LACKS_LINE
}
