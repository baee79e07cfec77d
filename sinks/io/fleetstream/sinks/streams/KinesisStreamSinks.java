package io.fleetstream.sinks.streams;

import io.fleetstream.connectors.kinesis.sink.KinesisSink;
import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.DeadLetter;
import java.util.Properties;

/**
 * Alarm and anomaly events and dead letters as JSON records on a Kinesis stream, with the device id as partition
 * key so that one device's events go to one shard (see {@link StreamFormat}), through our {@link KinesisSink}: it
 * batches PutRecords calls, retries throttled records and flushes on every checkpoint. At-least-once, so consumers
 * should tolerate a repeated event (an alarm event is identified by {@code alarm_id}, {@code state} and
 * {@code event_time}; a dead letter by {@code source}, {@code reason} and {@code detail}); a retried record can
 * land after a later one of the same device.
 */
public final class KinesisStreamSinks {
    private KinesisStreamSinks() {}

    /** {@code clientProperties}: the AWS client settings (region, endpoint, credentials provider). */
    public static KinesisSink<AlarmEvent> alarms(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, StreamFormat.ALARMS);
    }

    public static KinesisSink<AnomalyEvent> anomalies(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, StreamFormat.ANOMALIES);
    }

    public static KinesisSink<DeadLetter> deadLetters(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, StreamFormat.DEAD_LETTERS);
    }

    public static <T> KinesisSink<T> create(String streamArn, Properties clientProperties, StreamFormat<T> format) {
        return KinesisSink.<T>builder()
                .streamArn(streamArn)
                .clientProperties(clientProperties)
                .serializationSchema(format.json)
                .partitionKey(format.key)
                .build();
    }
}
