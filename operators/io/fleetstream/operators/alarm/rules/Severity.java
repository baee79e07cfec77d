package io.fleetstream.operators.alarm.rules;

/** Alarm severities, lowest first: an active alarm escalates to a later one and de-escalates to an earlier one. */
public enum Severity {
    INFO, WARNING, MAJOR, CRITICAL
}
