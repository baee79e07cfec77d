package io.fleetstream.sinks.lake.internal;

import io.fleetstream.lake.LakePartitions;
import io.fleetstream.lake.LakeTable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Buckets rows by the table's partition time (event time, not processing time) and device group. */
final class PartitionBucketAssigner<T> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;

    private final LakeTable<T> table;
    /** Per group, the last hour seen and its path: rows come in runs of one hour, and this runs per row. */
    private transient Map<String, Object[]> lastPath;

    PartitionBucketAssigner(LakeTable<T> table) {
        this.table = table;
    }

    @Override
    public String getBucketId(T element, Context context) {
        long hour = Math.floorDiv(table.partitionTime(element), 3_600_000L);
        String group = table.deviceGroup(element);
        if (lastPath == null) {
            lastPath = new HashMap<>();
        }
        Object[] cached = lastPath.get(group);
        if (cached != null && (Long) cached[0] == hour) {
            return (String) cached[1];
        }
        String path = LakePartitions.path(hour * 3_600_000L, group);
        lastPath.put(group, new Object[] {hour, path});
        return path;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
