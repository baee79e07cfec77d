package io.fleetstream.operators.alarm.rules;

/**
 * A rules file that cannot be used: its message names the file, the place in it and the rule, so it can be shown to
 * whoever wrote the file as it is.
 */
public class RulesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RulesException(String message) {
        super(message);
    }

    public RulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
