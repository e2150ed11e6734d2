package org.orderly.gateway.web.alarm;

/** What the page raises alarms for. */
public enum AlarmKind {
    /** The transformer reading is stale or missing: the compound runs conservatively. */
    METER_STALE,
    /** A pile has not reported for {@link AlarmBoard#PILE_OFFLINE_AFTER}. */
    PILE_OFFLINE,
    /** A pile reports IEC 61851 state E or F. */
    PILE_FAULT,
    /** The transformer carries more than its limit. */
    OVERLOAD,
    /** A grid company cap is in force. */
    GRID_CAP,
    /** The page's HTTPS certificate ({@code web.tls}) expires soon. */
    CERTIFICATE_EXPIRING,
    /** The page's HTTPS certificate ({@code web.tls}) has expired. */
    CERTIFICATE_EXPIRED,
    /** A pile's own meter does not answer (the bridge's {@code meterOk} false): its power is an estimate. */
    PILE_METER_FAILING,
    /** SQLite refuses the upstream outbox's writes for a while: they are kept and tried again. */
    UPSTREAM_STORE_FAILING
}
