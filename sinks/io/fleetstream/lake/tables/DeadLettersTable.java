package io.fleetstream.lake.tables;

import io.fleetstream.lake.LakeTable;
import io.fleetstream.model.DeadLetter;
import org.apache.parquet.schema.MessageType;

/** {@code dead_letters}: rejected records, partitioned by ingest time (their event time may be what is wrong). */
public final class DeadLettersTable implements LakeTable<DeadLetter> {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "dead_letters";
    }

    @Override
    public MessageType schema() {
        return new MessageType("dead_letters",
                Columns.string("reason"),
                Columns.optionalString("detail"),
                Columns.optionalString("raw"),
                Columns.optionalString("source"),
                Columns.timestamp("ingest_time"));
    }

    @Override
    public void write(DeadLetter d, RowWriter row) {
        row.string("reason", d.reason)
                .string("detail", d.detail)
                .string("raw", d.raw)
                .string("source", d.source)
                .timestamp("ingest_time", d.ingestTime);
    }

    @Override
    public long partitionTime(DeadLetter d) {
        return d.ingestTime;
    }

    @Override
    public String deviceGroup(DeadLetter d) {
        return d.deviceGroup;
    }
}
