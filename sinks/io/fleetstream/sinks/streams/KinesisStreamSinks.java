package io.fleetstream.sinks.streams;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.DeadLetter;
import java.util.Properties;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;

/**
 * Alarm and anomaly events and dead letters as JSON records on a Kinesis stream, with the device id as partition
 * key so that one device's events stay in order on one shard (see {@link StreamFormat}). The connector's async sink
 * batches PutRecords calls, retries throttled entries and flushes on every checkpoint: at-least-once, so consumers
 * should tolerate a repeated event (an alarm event is identified by {@code alarm_id}, {@code state} and
 * {@code event_time}; a dead letter by {@code source}, {@code reason} and {@code detail}).
 */
public final class KinesisStreamSinks {
    private KinesisStreamSinks() {}

    /** {@code clientProperties}: the connector's AWS client settings (region, endpoint, credentials provider). */
    public static KinesisStreamsSink<AlarmEvent> alarms(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, StreamFormat.ALARMS);
    }

    public static KinesisStreamsSink<AnomalyEvent> anomalies(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, StreamFormat.ANOMALIES);
    }

    public static KinesisStreamsSink<DeadLetter> deadLetters(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, StreamFormat.DEAD_LETTERS);
    }

    public static <T> KinesisStreamsSink<T> create(String streamArn, Properties clientProperties,
            StreamFormat<T> format) {
        return KinesisStreamsSink.<T>builder()
                .setStreamArn(streamArn)
                .setKinesisClientProperties(clientProperties)
                .setSerializationSchema(format.json)
                .setPartitionKeyGenerator(format.key)
                // Throttled or failed entries are retried rather than failing the job; the job fails on errors
                // that retrying cannot fix (a missing stream, denied access).
                .setFailOnError(false)
                .build();
    }
}
