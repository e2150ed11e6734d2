package org.orderly.gateway.web.alarm;

import java.time.Duration;

/** What the page raises alarms for. */
public enum AlarmKind {
    /**
     * The transformer reading is stale or missing: the compound runs conservatively. Not raised for a reading the meter
     * answers and the cycle refuses, each cause of which has its own kind ({@link UntakenReading}).
     * The detail, once its poller has
     * found the meter silent, is the meter and its failed polls, {@code tx: 3 of 3 polls failed in 1 min}, rather than
     * a {@link #METER_UNRELIABLE} of its own ({@link FieldAlarms}); null before that, and while its port will not open
     * ({@link #PORT_UNAVAILABLE} beside it). It follows the alarm.
     */
    METER_STALE(Detail.FOLLOWS_THE_ALARM),
    /**
     * The transformer meter answers, but its reading lacks a line its map reads (or the line's value is no number), for
     * longer than a reading may be old ({@code CycleResult#linesMissing}): that line's room is not known and the compound
     * runs conservatively, as with a stale reading, raised instead of {@link #METER_STALE}, whose text says no readings
     * come (it was raised for such a reading until 2026-12-07). The detail is the quantity the reading lacks, as the
     * map names it, {@code current.a.a}; it follows the alarm.
     */
    METER_LACKS_LINE(Detail.FOLLOWS_THE_ALARM),
    /**
     * The transformer meter answers, but the last cycle refused its reading as beyond what the transformer can carry
     * ({@code CycleResult#impossible}, the card's {@code IMPOSSIBLE}): a register map of the wrong type, scale or word
     * order, or a wrong CT ratio, the compound run conservatively. Raised instead of {@link #METER_STALE}, whose text
     * says no readings come and to check the meter's link (it was raised for such a reading until 2026-12-07). The
     * detail is the first quantity beyond its bound, as the map names it, {@code power.total.kw}; it follows the alarm.
     */
    METER_READS_IMPOSSIBLE(Detail.FOLLOWS_THE_ALARM),
    /**
     * The transformer meter answers, but the last cycle refused its reading because its total power is no number (a
     * float register read as NaN or an infinity: a map of the wrong type or word order), as the {@code control.mode}
     * event's form {@code notFinite} says it. Raised instead of {@link #METER_STALE} (until 2026-12-07 it was).
     */
    METER_READS_NO_NUMBER(Detail.NONE),
    /**
     * The transformer meter answers, but its total is below what the piles alone draw by their own reports, and has
     * been for longer than a reading may be old ({@code CycleResult#belowPiles} in a conservative cycle, the card's
     * {@code BELOW_PILES}): a scale, a CT ratio or a CT off its wire, the compound run conservatively. Raised instead of
     * {@link #METER_STALE} (until 2026-12-07 it was); a single such reading, the households kept from the last plausible
     * one, raises nothing.
     */
    METER_BELOW_PILES(Detail.NONE),
    /**
     * A meter's polls (the transformer's or a pile's, over Modbus or DL/T 645) failed one in
     * {@link org.orderly.gateway.field.MeterFailureLog#RATE_ONE_IN} or more over the last
     * {@link org.orderly.gateway.field.MeterFailureLog#RATE_WINDOW} of its poller, as the poller's log WARNs it: a line
     * at its limit, which goes silent next. Cleared once a whole window is under that share. A meter whose polls failed
     * {@link org.orderly.gateway.field.MeterFailureLog#WARN_AFTER} in a row, not refused (silent), raises it at once
     * and clears it when it answers: a pile meter on a bus has no other alarm; the transformer meter's silence is
     * {@link #METER_STALE}'s instead, and a meter behind a port that will not open has {@link #PORT_UNAVAILABLE}
     * instead ({@link FieldAlarms}). The detail is
     * {@code tx: 600 of 1200 polls failed in 10 min}: the meter names the alarm (each meter its own), the share of its
     * last window follows it.
     */
    METER_UNRELIABLE(Detail.LEAD_NAMES_THE_ALARM),
    /**
     * A meter poller's serial port (a Modbus RTU bus's, a DL/T 645 line's) will not open, or failed as a port: nothing
     * on it is read or driven. Raised at the poller's first failed try, cleared when a try opens it. The detail is the
     * bus and why, as the poller's WARN begins, {@code room: no serial port /dev/ttyUSB0: nothing is at that path}: the
     * bus names the alarm (each its own), the reason follows it.
     */
    PORT_UNAVAILABLE(Detail.LEAD_NAMES_THE_ALARM),
    /**
     * The transformer meter's power (total or a phase's) flows back to the grid, which a residential compound's cannot
     * (a CT the wrong way round, swapped phases): its reading is not trusted and the compound runs conservatively. Not
     * held here: the control cycle distrusts the reading only once it has read so for
     * {@link org.orderly.gateway.app.live.BackflowWatch#HOLD}.
     */
    METER_FLOWS_BACK(Detail.NONE),
    /**
     * A pile has not reported for {@code control.pileOfflineAfterMs} (70 s by default), as the control cycle found it
     * ({@link org.orderly.gateway.core.policy.PileReason#PILE_OFFLINE}), or not since a start that long ago.
     */
    PILE_OFFLINE(Detail.NONE),
    /**
     * The bridge at a pile's address says on {@code /info} that it is another pile ({@code pileId}, compared exactly):
     * two piles' addresses swapped in the configuration, or a bridge started with another {@code --pile}. The pile is
     * given no limits and is held as one the gateway cannot hear (its statuses are the other pile's), until its
     * {@code /info} names it again. The detail is the id the bridge said, as sent: another id is another alarm.
     */
    PILE_ANSWERS_AS_ANOTHER(Detail.NAMES_THE_ALARM),
    /**
     * A pile reports IEC 61851 state E or F; the detail is why, when the bridge says ({@code fault}: {@code residual
     * current}, {@code contactor welded}, ...). Another reason is another alarm, to be seen and acknowledged anew.
     */
    PILE_FAULT(Detail.NAMES_THE_ALARM),
    /**
     * The transformer carries more than its limit ({@code limitKw}), raised and cleared by {@link OverloadHysteresis}
     * rather than a {@link #hold()}: a total held at its limit and flickering about it is not one alarm per crossing.
     * It stands while the reading is not trusted (a silent meter: {@link #METER_STALE} beside it) and clears only on
     * trusted readings, the control at work for the hysteresis' clear hold. The detail is {@code 80.0 kW of 70 kW}: its
     * latest total over the limit, and the limit; it follows the alarm.
     */
    OVERLOAD(Detail.FOLLOWS_THE_ALARM),
    /**
     * A line (A, B or C) carries more current than the transformer's {@code phaseLimitA}, by the meter's current on it
     * where the map reads every line's current, else by its power at the phase voltage (as the control cycle takes
     * it: {@link org.orderly.gateway.app.live.LineSource#kw}), raised and cleared by {@link OverloadHysteresis}
     * as {@link #OVERLOAD} is (standing while the reading is not trusted). The detail is {@code A: 412.5 A of 400 A}: the
     * line names the alarm (each line its own), its latest current over the limit follows it.
     */
    LINE_OVERLOAD(Detail.LEAD_NAMES_THE_ALARM),
    /**
     * A grid company cap lowers the limit the last control cycle kept to. The detail is the cap and when it ends,
     * {@code 90 kW until 2026-12-04T15:01:00Z}, or only {@code 90 kW} when its end is not known (the load-control
     * contact's, or any while the clock is not set); it follows the alarm.
     */
    GRID_CAP(Detail.FOLLOWS_THE_ALARM),
    /** The page's HTTPS certificate ({@code web.tls}) expires soon. */
    CERTIFICATE_EXPIRING(Detail.NONE),
    /** The page's HTTPS certificate ({@code web.tls}) has expired. */
    CERTIFICATE_EXPIRED(Detail.NONE),
    /**
     * A pile's own meter does not answer (the bridge's {@code meterOk} false for 10 s on end): its power is an estimate.
     * Held so that a meter not read yet in the first moments after a start, or one lost answer, is no alarm.
     */
    PILE_METER_FAILING(Detail.NONE, Duration.ofSeconds(10)),
    /**
     * SQLite refuses the upstream outbox's writes for a while: they are kept and tried again. The detail is how many
     * are kept now; it changes while the alarm stands.
     */
    UPSTREAM_STORE_FAILING(Detail.FOLLOWS_THE_ALARM),
    /**
     * The gateway's clock is earlier than it can be (not set since a power cut, NTP not reached): charging is not
     * planned by price or time of day, and what is recorded and sent upstream carries wrong times.
     */
    CLOCK_NOT_SET(Detail.NONE),
    /**
     * The store was found damaged at a start and moved aside (the detail: where it now is); a fresh store is in use.
     * Stands for {@link #STORE_MOVED_ASIDE_FOR} after the move, across restarts (it is read from the fresh store's
     * event).
     */
    STORE_MOVED_ASIDE(Detail.NAMES_THE_ALARM),
    /**
     * SQLite says the store is damaged while the gateway runs (a write failed with SQLITE_CORRUPT or SQLITE_NOTADB, or
     * the background check found it): control goes on, history may not be recorded; the next start moves it aside.
     */
    STORE_DAMAGED(Detail.NONE),
    /**
     * SQLite refuses the store's own writes for a reason that may pass (a full disk, a file remounted read-only, locked,
     * or giving I/O errors), from a write failing so until a write that changed something is committed again: history
     * is not recorded meanwhile; sessions' rows are kept and tried again. The detail is SQLite's code
     * ({@code SQLITE_FULL}); it follows the alarm.
     */
    STORE_WRITES_FAILING(Detail.FOLLOWS_THE_ALARM),
    /**
     * The upstream link has not been connected to the grid company's broker for 60 s on end (its {@link #hold()}):
     * grid caps cannot reach the compound, and what is to be sent waits in the outbox. Held so that a start or a
     * reconnect is no alarm.
     */
    UPSTREAM_DISCONNECTED(Detail.NONE, Duration.ofSeconds(60)),
    /**
     * The grid company's broker refused the link's subscription to the command topics (a failure code in its SUBACK,
     * or none within 10 s): grid caps cannot reach the compound, though telemetry still goes. Stands until a later
     * SUBSCRIBE is granted, across reconnects. Not kept across a restart: the start's connection subscribes again and
     * the broker's answer (or its silence for 10 s) decides anew.
     */
    UPSTREAM_COMMANDS_REFUSED(Detail.NONE),
    /**
     * The grid company's broker refused messages the gateway sent (a PUBACK reason code of 0x80 or above, as an ACL
     * denying a topic; a packet over its maximum size): each is set aside and the grid company never gets it. The
     * detail is the kinds refused ({@code state, telemetry}); it moves while the alarm stands. Stands until a later
     * message of each kind refused is acknowledged, across reconnects and restarts (a start reads the refused messages
     * still set aside and not followed by one of their kind taken:
     * {@link org.orderly.gateway.upstream.outbox.Outbox#refusedNotTaken}).
     */
    UPSTREAM_MESSAGES_REFUSED(Detail.FOLLOWS_THE_ALARM),
    /**
     * A pile heard from draws clearly more than the control cycle gives it (more than 1 A above, as
     * {@code core.limit.FollowHold} allows a car that has followed), 0 A included: a car that does not follow its offer
     * or a pile that does not pass it on, so the room shared out is not what is drawn (safety). Held for 10 s: a car
     * may take 5 s to follow a lower offer (IEC 61851-1), and the offer as much again to reach the pile and its report
     * to come back. The detail is what it draws and what it was given ({@code 11.0 kW; 6 A}); it moves while the
     * alarm stands.
     */
    PILE_NOT_FOLLOWING(Detail.FOLLOWS_THE_ALARM, Duration.ofSeconds(10));

    /** How long {@link #STORE_MOVED_ASIDE} stands after the move: an installer's next visit may be a week away. */
    public static final Duration STORE_MOVED_ASIDE_FOR = Duration.ofDays(7);

    /** What an alarm's detail is to it. */
    enum Detail {
        /** The kind has none. */
        NONE,
        /** Part of what the alarm is: a changed detail clears the alarm and raises another. */
        NAMES_THE_ALARM,
        /** A figure that moves while the alarm stands: updated in place. */
        FOLLOWS_THE_ALARM,
        /**
         * Its lead, up to the first {@code ": "}, names the alarm (another lead is another alarm); the rest is a figure
         * that follows it, updated in place.
         */
        LEAD_NAMES_THE_ALARM
    }

    private final Detail detail;
    private final Duration hold;

    AlarmKind(Detail detail) {
        this(detail, Duration.ZERO);
    }

    AlarmKind(Detail detail, Duration hold) {
        this.detail = detail;
        this.hold = hold;
    }

    /**
     * Whether the alarm is on a pile (its subject the pile's id) rather than on the gateway as a whole (its subject the
     * gateway's id, which the page does not repeat after the alarm's text).
     */
    public boolean onPile() {
        return switch (this) {
            case PILE_OFFLINE, PILE_ANSWERS_AS_ANOTHER, PILE_FAULT, PILE_METER_FAILING, PILE_NOT_FOLLOWING -> true;
            case METER_STALE, METER_LACKS_LINE, METER_READS_IMPOSSIBLE, METER_READS_NO_NUMBER, METER_BELOW_PILES,
                 METER_UNRELIABLE, PORT_UNAVAILABLE, METER_FLOWS_BACK, OVERLOAD, LINE_OVERLOAD, GRID_CAP,
                 CERTIFICATE_EXPIRING, CERTIFICATE_EXPIRED, UPSTREAM_STORE_FAILING, CLOCK_NOT_SET, STORE_MOVED_ASIDE,
                 STORE_DAMAGED, STORE_WRITES_FAILING, UPSTREAM_DISCONNECTED, UPSTREAM_COMMANDS_REFUSED,
                 UPSTREAM_MESSAGES_REFUSED -> false;
        };
    }

    Detail detail() {
        return detail;
    }

    /** How long its condition must hold, at every update, before it is raised (on the gateway's ticker); zero for most. */
    Duration hold() {
        return hold;
    }
}
