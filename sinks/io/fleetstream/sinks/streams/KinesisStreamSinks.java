package io.fleetstream.sinks.streams;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.connector.kinesis.sink.PartitionKeyGenerator;

/**
 * Alarm and anomaly events as JSON records on a Kinesis stream, with the device id as partition key so that one
 * device's events stay in order on one shard. The connector's async sink batches PutRecords calls, retries
 * throttled entries and flushes on every checkpoint: at-least-once, so consumers should tolerate a repeated event
 * (an alarm event is identified by {@code alarm_id}, {@code state} and {@code event_time}).
 */
public final class KinesisStreamSinks {
    private KinesisStreamSinks() {}

    /** {@code clientProperties}: the connector's AWS client settings (region, endpoint, credentials provider). */
    public static KinesisStreamsSink<AlarmEvent> alarms(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, new AlarmEventJson(), new AlarmDevice());
    }

    public static KinesisStreamsSink<AnomalyEvent> anomalies(String streamArn, Properties clientProperties) {
        return create(streamArn, clientProperties, new AnomalyEventJson(), new AnomalyDevice());
    }

    private static <T> KinesisStreamsSink<T> create(String streamArn, Properties clientProperties,
            SerializationSchema<T> json, PartitionKeyGenerator<T> key) {
        return KinesisStreamsSink.<T>builder()
                .setStreamArn(streamArn)
                .setKinesisClientProperties(clientProperties)
                .setSerializationSchema(json)
                .setPartitionKeyGenerator(key)
                // Throttled or failed entries are retried rather than failing the job; the job fails on errors
                // that retrying cannot fix (a missing stream, denied access).
                .setFailOnError(false)
                .build();
    }

    /** Device ids are 1 to 256 characters (the parser checks), as Kinesis partition keys must be. */
    static final class AlarmDevice implements PartitionKeyGenerator<AlarmEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(AlarmEvent a) {
            return a.deviceId;
        }
    }

    static final class AnomalyDevice implements PartitionKeyGenerator<AnomalyEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(AnomalyEvent a) {
            return a.deviceId;
        }
    }
}
