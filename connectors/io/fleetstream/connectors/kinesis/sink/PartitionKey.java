package io.fleetstream.connectors.kinesis.sink;

import java.io.Serializable;

/**
 * The partition key of an element: Kinesis puts records with equal keys on one shard, in the order they arrive.
 * Keys must be 1 to {@link KinesisSink#MAX_PARTITION_KEY_CHARS} characters; an element with another key is not
 * sent (see {@link KinesisSink}).
 */
@FunctionalInterface
public interface PartitionKey<T> extends Serializable {
    String of(T element);
}
