package io.fleetstream.sinks.lake.internal;

import io.fleetstream.sinks.lake.LakeTable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Buckets rows by the table's partition time (event time, not processing time) and device group. */
final class PartitionBucketAssigner<T> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;

    private final LakeTable<T> table;

    PartitionBucketAssigner(LakeTable<T> table) {
        this.table = table;
    }

    @Override
    public String getBucketId(T element, Context context) {
        return HivePartitions.path(table.partitionTime(element), table.deviceGroup(element));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
