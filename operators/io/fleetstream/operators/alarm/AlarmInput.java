package io.fleetstream.operators.alarm;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.Reading;

/**
 * The alarm operator's second input: an anomaly (for anomaly-burst rules) or an operator's command, in one type so
 * both wait for the watermark in one buffer and are applied in event-time order with the readings.
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

    static AlarmInput reading(Reading r) {
        AlarmInput in = new AlarmInput();
        in.deviceId = r.deviceId;
        in.eventTime = r.eventTime;
        in.reading = r;
        return in;
    }

    boolean isAnomaly() {
        return command == null && reading == null;
    }
}
