package io.fleetstream.jobs.simulator;

/** How a malformed payload is broken; each maps to one dead-letter reason of the input contract. */
public enum Malformation {
    /** JSON cut off between a third and two thirds of its length: malformed JSON. Singles and bundles. */
    TRUNCATED,
    /** Well-formed JSON without {@code deviceId}: missing field. Singles and bundles. */
    MISSING_DEVICE_ID,
    /** {@code timestamp} is a string that is no instant (e.g. month 13, "yesterday", empty): bad timestamp. */
    BAD_TIMESTAMP,
    /** Every {@code data} value is a string: no usable metric. */
    NO_NUMERIC_VALUE;

    static final Malformation[] FOR_SINGLE = values();
    /** Bundles only get faults that break the whole payload, so no reading of a bundle is half valid. */
    static final Malformation[] FOR_BUNDLE = {TRUNCATED, MISSING_DEVICE_ID};
}
