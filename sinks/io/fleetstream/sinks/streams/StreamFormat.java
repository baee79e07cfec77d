package io.fleetstream.sinks.streams;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.model.AnomalyEvent;
import io.fleetstream.model.DeadLetter;
import java.io.Serializable;
import io.fleetstream.connectors.kinesis.sink.PartitionKey;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * How one kind of event goes onto a stream: its JSON and its key (Kafka record key, Kinesis partition key), so the
 * Kafka and Kinesis sinks are written once for every kind.
 */
public final class StreamFormat<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Keyed by device id: device ids are 1 to 256 characters (the parser checks), as Kinesis partition keys must be.
     * A fleet rule's alarm has no device: it is keyed by its device group (held to the same limits).
     */
    public static final StreamFormat<AlarmEvent> ALARMS = new StreamFormat<>(new AlarmEventJson(),
            a -> a.deviceId.isEmpty() ? a.deviceGroup : a.deviceId);

    public static final StreamFormat<AnomalyEvent> ANOMALIES =
            new StreamFormat<>(new AnomalyEventJson(), a -> a.deviceId);

    /**
     * Keyed by device id when the parser got one, else by source position (a malformed record names no device);
     * the JSON is cut to fit one Kinesis record (see {@link DeadLetterJson}).
     */
    public static final StreamFormat<DeadLetter> DEAD_LETTERS =
            new StreamFormat<>(new DeadLetterJson(), DeadLetterJson::key);

    final SerializationSchema<T> json;
    final PartitionKey<T> key;

    private StreamFormat(SerializationSchema<T> json, PartitionKey<T> key) {
        this.json = json;
        this.key = key;
    }

    public byte[] json(T event) {
        return json.serialize(event);
    }

    public String key(T event) {
        return key.of(event);
    }
}
