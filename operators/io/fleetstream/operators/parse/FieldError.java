package io.fleetstream.operators.parse;

import io.fleetstream.model.ReasonCode;

/** A rejected field. Thrown only on bad data, so it carries no stack trace. */
final class FieldError extends Exception {
    private static final long serialVersionUID = 1L;
    final ReasonCode reason;

    FieldError(ReasonCode reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
