package io.fleetstream.operators.alarm;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;

/**
 * The alarm operator's second input: an anomaly (for anomaly-burst rules), an operator's command, or a sequence that
 * Flink CEP found complete (for sequence rules), in one type so all wait for the watermark in one buffer and are
 * applied in event-time order with the readings. Its fields are part of the operator's state layout (uid
 * {@code alarms-v3}: the sequence fields came with it).
 */
public class AlarmInput {
    public String deviceId;
    public long eventTime;
    /** Null for an anomaly. */
    public AlarmCommand command;
    /**
     * Set only inside the alarm operator: a reading waiting for the watermark in the same buffer as anomalies and
     * commands, so one list per device holds everything not yet applied.
     */
    public Reading reading;
    /** The sequence rule whose sequence completed at {@link #eventTime}; null for anything else. */
    public String sequence;
    /** For a completed sequence: the readings that met its steps, for the alarm's message. */
    public String matched;

    public AlarmInput() {}

    public static AlarmInput anomaly(AnomalyEvent a) {
        AlarmInput in = new AlarmInput();
        in.deviceId = a.deviceId;
        in.eventTime = a.eventTime;
        return in;
    }

    public static AlarmInput command(AlarmCommand c) {
        AlarmInput in = new AlarmInput();
        in.deviceId = c.deviceId;
        in.eventTime = c.eventTime;
        in.command = c;
        return in;
    }

    /** The sequence of rule {@code rule} completed on the device at {@code eventTime}. */
    public static AlarmInput sequence(String deviceId, long eventTime, String rule, String matched) {
        AlarmInput in = new AlarmInput();
        in.deviceId = deviceId;
        in.eventTime = eventTime;
        in.sequence = rule;
        in.matched = matched;
        return in;
    }

    static AlarmInput reading(Reading r) {
        AlarmInput in = new AlarmInput();
        in.deviceId = r.deviceId;
        in.eventTime = r.eventTime;
        in.reading = r;
        return in;
    }

    boolean isAnomaly() {
        return command == null && reading == null && sequence == null;
    }
}
