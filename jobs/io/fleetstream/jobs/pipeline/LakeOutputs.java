package io.fleetstream.jobs.pipeline;

import io.fleetstream.model.ReadingRow;
import io.fleetstream.operators.rows.Counted;
import io.fleetstream.operators.rows.ToReadingRows;
import io.fleetstream.sinks.lake.LakeSinks;
import io.fleetstream.sinks.lake.LakeTable;
import io.fleetstream.sinks.lake.tables.AlarmsTable;
import io.fleetstream.sinks.lake.tables.AnomaliesTable;
import io.fleetstream.sinks.lake.tables.DeadLettersTable;
import io.fleetstream.sinks.lake.tables.DeviceStateTable;
import io.fleetstream.sinks.lake.tables.ReadingsTable;
import io.fleetstream.sinks.lake.tables.RollupsTable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Writes the pipeline's outputs to the Parquet lake, one table each. */
public final class LakeOutputs {
    private LakeOutputs() {}

    /** Accumulator of valid, de-duplicated readings. */
    public static final String READINGS = "readings";

    public static void attach(PipelineStreams streams, String lakePath) {
        TypeInformation<ReadingRow> rowType = TypeInformation.of(ReadingRow.class);
        write(streams.readings.map(new Counted<>(READINGS)).returns(streams.readings.getType())
                .uid("count-valid-readings").name("count valid readings")
                .flatMap(new ToReadingRows()).returns(rowType)
                .uid("readings-rows").name("readings as rows"), lakePath, new ReadingsTable("readings"));
        write(streams.lateReadings.flatMap(new ToReadingRows()).returns(rowType)
                .uid("late-readings-rows").name("late readings as rows"), lakePath, new ReadingsTable("late_readings"));
        write(streams.rollups, lakePath, new RollupsTable());
        write(streams.deadLetters, lakePath, new DeadLettersTable());
        write(streams.deviceState, lakePath, new DeviceStateTable());
        if (streams.anomalies != null) {
            write(streams.anomalies, lakePath, new AnomaliesTable());
        }
        if (streams.alarms != null) {
            write(streams.alarms, lakePath, new AlarmsTable());
        }
    }

    /** Counts the rows (accumulator {@code rows.<table>}) and writes them to the table. */
    public static <T> void write(DataStream<T> stream, String lakePath, LakeTable<T> table) {
        stream.map(new Counted<T>("rows." + table.name())).returns(stream.getType())
                .uid("count-" + table.name()).name("count " + table.name())
                .sinkTo(LakeSinks.forTable(lakePath, table))
                .uid("lake-" + table.name()).name("lake " + table.name());
    }
}
