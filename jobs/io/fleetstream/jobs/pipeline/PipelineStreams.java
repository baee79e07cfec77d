package io.fleetstream.jobs.pipeline;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.DeadLetter;
import io.fleetstream.model.DeviceState;
import io.fleetstream.model.Reading;
import io.fleetstream.model.Rollup;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The outputs of the telemetry pipeline, for sinks (or tests) to consume. */
public final class PipelineStreams {
    /** Valid, de-duplicated readings with event-time timestamps. */
    public final DataStream<Reading> readings;
    public final DataStream<DeadLetter> deadLetters;
    /** Tumbling and sliding rollups, each firing of a window a new revision. */
    public final DataStream<Rollup> rollups;
    /** Readings that arrived after their tumbling window's allowed lateness. */
    public final DataStream<Reading> lateReadings;
    public final DataStream<DeviceState> deviceState;
    /** Null when anomaly.enabled is false. */
    public final DataStream<AnomalyEvent> anomalies;
    /** Null when alarms.enabled is false. */
    public final DataStream<AlarmEvent> alarms;

    /** Changes an output stream on its way to the sinks; called once per output with its name. */
    public interface Tap {
        <T> DataStream<T> apply(String output, DataStream<T> stream);
    }

    /**
     * These outputs, each passed through {@code tap} on its way to the sinks attached to the result (a test's fault
     * injected right behind the operator that emits it; a filter). Outputs that are off stay null.
     */
    public PipelineStreams through(Tap tap) {
        return new PipelineStreams(tap.apply("readings", readings), tap.apply("dead_letters", deadLetters),
                tap.apply("rollups", rollups), tap.apply("late_readings", lateReadings),
                tap.apply("device_state", deviceState), anomalies == null ? null : tap.apply("anomalies", anomalies),
                alarms == null ? null : tap.apply("alarms", alarms));
    }

    PipelineStreams(DataStream<Reading> readings, DataStream<DeadLetter> deadLetters, DataStream<Rollup> rollups,
            DataStream<Reading> lateReadings, DataStream<DeviceState> deviceState,
            DataStream<AnomalyEvent> anomalies, DataStream<AlarmEvent> alarms) {
        this.readings = readings;
        this.deadLetters = deadLetters;
        this.rollups = rollups;
        this.lateReadings = lateReadings;
        this.deviceState = deviceState;
        this.anomalies = anomalies;
        this.alarms = alarms;
    }
}
