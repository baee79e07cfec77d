package io.fleetstream.jobs.pipeline;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.config.LakeOptions;
import io.fleetstream.model.ReadingRow;
import io.fleetstream.operators.rows.Counted;
import io.fleetstream.operators.rows.ToReadingRows;
import io.fleetstream.sinks.lake.LakeFiles;
import io.fleetstream.sinks.lake.LakeSinks;
import io.fleetstream.lake.LakeTable;
import io.fleetstream.lake.tables.AlarmsTable;
import io.fleetstream.lake.tables.AnomaliesTable;
import io.fleetstream.lake.tables.DeadLettersTable;
import io.fleetstream.lake.tables.DeviceStateTable;
import io.fleetstream.lake.tables.ReadingsTable;
import io.fleetstream.lake.tables.RollupsTable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Writes the pipeline's outputs to the Parquet lake, one table each. */
public final class LakeOutputs {
    private LakeOutputs() {}

    /** Accumulator of valid, de-duplicated readings. */
    public static final String READINGS = "readings";

    /** The lake's part files as lake.rolling.* and lake.compaction.* set them. */
    static LakeFiles files(FleetConfig cfg) {
        LakeFiles files = LakeFiles.rolling(cfg.get(LakeOptions.ROLLING_MAX_SIZE).getBytes(),
                cfg.get(LakeOptions.ROLLING_MAX_AGE));
        return cfg.get(LakeOptions.COMPACTION_ENABLED)
                ? files.compactedEvery(cfg.get(LakeOptions.COMPACTION_CHECKPOINTS)) : files;
    }

    /**
     * Writes every table under {@code lakePath}, with part files as {@code cfg}'s lake.* options set them. The
     * one way the jobs build their lake sinks: a replay that back-fills the live lake writes the files the live job
     * would, so there is no variant with default part files to reach for.
     */
    public static void attach(PipelineStreams streams, String lakePath, FleetConfig cfg) {
        LakeFiles files = files(cfg);
        TypeInformation<ReadingRow> rowType = TypeInformation.of(ReadingRow.class);
        write(streams.readings.map(new Counted<>(READINGS)).returns(streams.readings.getType())
                .uid("count-valid-readings").name("count valid readings")
                .flatMap(new ToReadingRows()).returns(rowType)
                .uid("readings-rows").name("readings as rows"), lakePath, new ReadingsTable("readings"), files);
        write(streams.lateReadings.flatMap(new ToReadingRows()).returns(rowType)
                .uid("late-readings-rows").name("late readings as rows"), lakePath, new ReadingsTable("late_readings"),
                files);
        write(streams.rollups, lakePath, new RollupsTable(), files);
        write(streams.deadLetters, lakePath, new DeadLettersTable(), files);
        write(streams.deviceState, lakePath, new DeviceStateTable(), files);
        if (streams.anomalies != null) {
            write(streams.anomalies, lakePath, new AnomaliesTable(), files);
        }
        if (streams.alarms != null) {
            write(streams.alarms, lakePath, new AlarmsTable(), files);
        }
    }

    /** Counts the rows (accumulator {@code rows.<table>}) and writes them to the table. */
    private static <T> void write(DataStream<T> stream, String lakePath, LakeTable<T> table, LakeFiles files) {
        stream.map(new Counted<T>("rows." + table.name())).returns(stream.getType())
                .uid("count-" + table.name()).name("count " + table.name())
                .sinkTo(LakeSinks.forTable(lakePath, table, files))
                .uid("lake-" + table.name()).name("lake " + table.name());
    }
}
