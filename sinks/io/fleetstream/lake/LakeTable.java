package io.fleetstream.lake;

import java.io.Serializable;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * One table of the lake: its folder name, its Parquet schema (a contract: columns may be added, never renamed),
 * how a record becomes a row, and the event time and device group it is partitioned by. Partition columns live in
 * the path, not in the file, as in Hive and Firehose.
 */
public interface LakeTable<T> extends Serializable {
    String name();

    MessageType schema();

    /** Writes the fields of one row; the caller starts and ends the message. */
    void write(T record, RowWriter row);

    /** The time the row is partitioned by (epoch ms, UTC): event time, or ingest time for dead letters. */
    long partitionTime(T record);

    String deviceGroup(T record);

    /** Writes named fields of one Parquet row; nulls are left out (the column must be optional). */
    interface RowWriter {
        RowWriter string(String column, String value);

        RowWriter int64(String column, long value);

        RowWriter int64(String column, Long value);

        RowWriter int32(String column, int value);

        RowWriter float64(String column, double value);

        RowWriter float64(String column, Double value);

        RowWriter timestamp(String column, long epochMillis);

        RowWriter timestamp(String column, Long epochMillis);

        RowWriter stringDoubleMap(String column, String[] keys, double[] values);

        RecordConsumer consumer();
    }
}
