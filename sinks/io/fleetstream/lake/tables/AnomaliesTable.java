package io.fleetstream.lake.tables;

import io.fleetstream.lake.LakeTable;
import io.fleetstream.model.AnomalyEvent;
import org.apache.parquet.schema.MessageType;

/** {@code anomalies}: scored readings with grade above zero, with each metric's share of the score. */
public final class AnomaliesTable implements LakeTable<AnomalyEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "anomalies";
    }

    @Override
    public MessageType schema() {
        return new MessageType("anomalies",
                Columns.string("device_id"),
                Columns.timestamp("event_time"),
                Columns.float64("score"),
                Columns.float64("grade"),
                Columns.stringDoubleMap("attribution"));
    }

    @Override
    public void write(AnomalyEvent a, RowWriter row) {
        row.string("device_id", a.deviceId)
                .timestamp("event_time", a.eventTime)
                .float64("score", a.score)
                .float64("grade", a.grade)
                .stringDoubleMap("attribution", a.attributionMetrics, a.attributionShares);
    }

    @Override
    public long partitionTime(AnomalyEvent a) {
        return a.eventTime;
    }

    @Override
    public String deviceGroup(AnomalyEvent a) {
        return a.deviceGroup;
    }
}
