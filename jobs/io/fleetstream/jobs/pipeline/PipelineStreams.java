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
