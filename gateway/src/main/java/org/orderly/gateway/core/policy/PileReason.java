package org.orderly.gateway.core.policy;

/**
 * Why a plugged pile gets what it gets this cycle, as the scheduler decided it (not guessed afterwards): the
 * property manager's page shows it beside every paused or limited pile. {@link #NONE} is for a pile with no
 * vehicle, or a policy that does not explain itself.
 */
public enum PileReason {
    /** No vehicle, or no explanation. */
    NONE,
    /** It gets what the plan asks for now. */
    CHARGING,
    /** The vehicle stopped drawing while offered current. */
    FULL,
    /** The plan puts this session's energy in later, cheaper slots: nothing is planned for now. */
    WAITING_FOR_CHEAPER_PERIOD,
    /**
     * The plan gives this session its energy later at no lower price: the period's room is shared out over it, so
     * the load stays flat (or the room now is taken by more urgent sessions).
     */
    WAITING_FOR_ITS_TURN,
    /** The plan has nothing more for this session: its expected energy is delivered. */
    PLAN_DONE,
    /**
     * No plan in force plans for this session yet (a car just come, or every plan in force made before the clock
     * stepped): it gets nothing while the plan asked for it is solved (live, on the planning thread: a cycle or two), for
     * at most as many cycles as the settle time spans (30 live); then, or with no plan being made, as much as the live
     * room allows. A car already drawing is not stopped for it (it says {@link #CHARGING} or its limit).
     */
    WAITING_FOR_PLAN,
    /** The transformer's own limit left no room (or too little for the plan). */
    TRANSFORMER_LIMIT,
    /** A grid company cap lower than the transformer's limit left no room. */
    GRID_CAP,
    /** A line or circuit limit on the pile's path left no room. */
    CIRCUIT_LIMIT,
    /**
     * The pile does not say what its car draws, and the transformer or a line or circuit on its path has less room than
     * twice its least current: it is not started until there is (its car's draw is counted as the households' at the
     * next reading as well as its offer: {@code core.limit.SilentOffers}).
     */
    NOT_METERED_WAITING_FOR_ROOM,
    /** The installer paused the pile. */
    PAUSED_BY_INSTALLER,
    /** The pile runs at the installer's limit for it. */
    INSTALLER_LIMIT,
    /**
     * The transformer reading is not taken (stale or missing, no number, beyond what the transformer can carry, below
     * what the piles alone draw, lacking a line its map reads; not one flowing back): only the configured safe EV power
     * is shared. The page says it neutrally, the reading not used, and leaves its cause to the alarm (docs/web.md).
     */
    METER_STALE,
    /**
     * The transformer meter reads power flowing back to the grid (a CT the wrong way round, swapped phases): its
     * reading is not trusted, and only the configured safe EV power is shared.
     */
    METER_FLOWS_BACK,
    /**
     * The gateway's clock is not set (earlier than it can be): no plan by price or time of day; the pile gets what the
     * live room of every limit allows, shared equally.
     */
    CLOCK_NOT_SET,
    /**
     * The pile has not been heard from for {@code control.pileOfflineAfterMs} (70 s by default): nothing is planned for it, and the
     * current it may offer on its own (its fallback) is held for it on every limit above it.
     */
    PILE_OFFLINE
}
