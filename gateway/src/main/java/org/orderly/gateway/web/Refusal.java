package org.orderly.gateway.web;

/**
 * The code of a refusal the page can meet, sent beside the English line as {@code "code"} with its figures as
 * {@code "args"}: the page says {@code refusal.CODE} of its text bundle in its own language, with each {@code {name}}
 * replaced by that argument, and shows the English line for a code it has no text for.
 */
enum Refusal {
    PILE_LIMIT_OUT_OF_RANGE,
    NO_PILE,
    NO_VEHICLE_PLUGGED,
    RESERVATION_EMPTY,
    ENERGY_OUT_OF_RANGE,
    DEPARTURE_NOT_LOCAL_TIME,
    DEPARTURE_NOT_FUTURE,
    DEPARTURE_TOO_FAR,
    NO_ALARM,
    WRONG_NAME_OR_PASSWORD,
    TOO_MANY_FAILURES,
    CHECK_BUSY,
    SETUP_LINK_LAPSED,
    SETUP_LINK_REFUSED,
    SETUP_NOT_SAVED,
    NOT_SAVED,
    FIELD_REQUIRED,
    FIELD_NOT_A_NUMBER,
    FIELD_NOT_TEXT,
    UNKNOWN_FIELD,
    BODY_NOT_TAKEN,
    UNKNOWN_QUERY_PARAMETER,
    QUERY_NOT_TAKEN,
    QUERY_PARAMETER_TWICE,
    QUERY_VALUE_INVALID,
    QUERY_NOT_ENCODED,
    FIELD_TOO_LONG,
    NAME_INVALID,
    ROLE_INVALID,
    PASSWORD_TOO_SHORT,
    PASSWORD_UNCHANGED,
    CURRENT_PASSWORD_WRONG,
    ACCOUNT_CHANGED_MEANWHILE,
    LAST_INSTALLER,
    NO_SUCH_USER,
    SIGN_IN_FIRST,
    SIGN_IN_AGAIN,
    CSRF_MISSING,
    VIEWER_MAY_NOT_CHANGE,
    JSON_REQUIRED,
    BODY_TOO_LARGE,
    BODY_TOO_LONG,
    INTERNAL_ERROR,
    NO_SUCH_PATH,
    METHOD_NOT_ALLOWED
}
