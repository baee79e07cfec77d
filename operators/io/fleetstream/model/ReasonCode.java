package io.fleetstream.model;

/** Why a record became a dead letter. The names are stored in the lake, so they are a contract. */
public enum ReasonCode {
    MALFORMED_JSON,
    MISSING_FIELD,
    INVALID_FIELD,
    BAD_TIMESTAMP,
    FUTURE_TIMESTAMP,
    NO_USABLE_METRIC,
    RECORD_TOO_LARGE,
    /** A record of the alarm control stream that is not a valid command. */
    INVALID_COMMAND
}
