package io.fleetstream.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.pipeline.LakeOutputs;
import io.fleetstream.jobs.pipeline.PipelineStreams;
import io.fleetstream.jobs.pipeline.StreamOutputs;
import io.fleetstream.jobs.pipeline.TelemetryPipeline;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.lake.LakeReader;
import io.fleetstream.model.RawRecord;
import io.fleetstream.testing.FaultRuns;
import io.fleetstream.testing.FaultSeeds;
import io.fleetstream.testing.KinesisMock;
import io.fleetstream.testing.LakeAssertions;
import io.fleetstream.testing.Pipelines;
import io.fleetstream.testing.Slowly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * An exception thrown inside each stateful operator once, at a seeded record after a checkpoint: from the function
 * chained right behind the operator, so it is thrown out of the operator's own emit, in the middle of its
 * processElement or of its timers firing a batch of windows, snapshots or alarms (some of the batch out, the rest
 * not). The restart strategy restores the job from its newest checkpoint each time, five times in one run, and the
 * lake must end equal to an uninterrupted run's, table by table and row by row.
 */
class OperatorExceptionTest {
    /** Each output and the stateful operator that emits it. */
    private static final Map<String, String> OPERATORS = new TreeMap<>(Map.of(
            "readings", "dedup", "rollups", "sliced rollups", "device_state", "current state",
            "anomalies", "anomaly scores", "alarms", "alarms"));

    private static final Set<String> THROWN = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @TempDir
    Path dir;

    @Test
    void theLakeOfARunWhoseStatefulOperatorsEachThrewOnceEqualsTheLakeOfAnUninterruptedRun() throws Exception {
        long seed = FaultSeeds.next("OperatorExceptionTest");
        Random random = new Random(seed);
        Path input = FaultRuns.simulatedFleetFile(dir);
        Path reference = dir.resolve("reference");
        Path faulted = dir.resolve("faulted");
        run(input, reference, null, Map.of());
        THROWN.clear();
        Map<String, Integer> after = new TreeMap<>();
        // alarm events and anomalies are few: they throw within their first few after a checkpoint
        OPERATORS.keySet().forEach(o -> after.put(o, 1 + random.nextInt(
                o.equals("anomalies") || o.equals("alarms") ? 3 : 200)));
        // the faulted run also sends alarms and anomalies to Kinesis, whose sink is at-least-once
        String alarmsArn = KINESIS.server().createStream("operator-exception-alarms", 2);
        String anomaliesArn = KINESIS.server().createStream("operator-exception-anomalies", 1);
        Map<String, String> streams = new HashMap<>(KINESIS.server().options());
        streams.put("alarms.stream.type", "kinesis");
        streams.put("alarms.stream.kinesis.stream-arn", alarmsArn);
        streams.put("anomalies.stream.type", "kinesis");
        streams.put("anomalies.stream.kinesis.stream-arn", anomaliesArn);
        run(input, faulted, after, streams);
        System.out.println("OperatorExceptionTest faults: thrown behind " + THROWN + " at " + after
                + " (seed " + seed + ")");

        assertThat(THROWN).as("operators that threw").containsExactlyInAnyOrderElementsOf(OPERATORS.keySet());
        LakeAssertions.sameTables(reference, faulted, LakeAssertions.ALL_TABLES,
                "after an exception inside " + OPERATORS.values() + " (seed " + seed + ")");
        assertThat(LakeReader.read(reference, "anomalies")).as("the fleet had anomalies").isNotEmpty();
        int alarmDuplicates = atLeastOnce(faulted, "alarms", alarmsArn, "alarm_id", "state", "event_time");
        int anomalyDuplicates = atLeastOnce(faulted, "anomalies", anomaliesArn, "device_id", "event_time", "score");
        System.out.println("OperatorExceptionTest Kinesis duplicates after the restores: " + alarmDuplicates
                + " alarm events, " + anomalyDuplicates + " anomalies");
    }

    /**
     * The Kinesis stream holds every event of the lake's table (exactly-once) at least once, and nothing else;
     * returns how many it holds twice or more (a restore sends again what went out after its checkpoint).
     */
    private static int atLeastOnce(Path lake, String table, String arn, String... fields) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> expected = new TreeSet<>();
        for (Map<String, Object> row : LakeReader.read(lake, table)) {
            StringBuilder b = new StringBuilder();
            for (String f : fields) {
                Object v = row.get(f);
                b.append(v instanceof Number ? String.valueOf(((Number) v).doubleValue()) : v).append('|');
            }
            expected.add(b.toString());
        }
        List<String> sent = new ArrayList<>();
        for (Record r : KINESIS.server().readAll(arn)) {
            JsonNode e = json.readTree(r.data().asByteArray());
            StringBuilder b = new StringBuilder();
            for (String f : fields) {
                JsonNode v = e.get(f);
                b.append(v.isNumber() ? String.valueOf(v.asDouble()) : v.asText()).append('|');
            }
            sent.add(b.toString());
        }
        assertThat(new TreeSet<>(sent)).as(table + " on Kinesis, each at least once and nothing else")
                .isEqualTo(expected);
        return sent.size() - expected.size();
    }


    /** {@code after}: the record after a checkpoint at which each output throws, or null for no fault. */
    private void run(Path input, Path lake, Map<String, Integer> after, Map<String, String> extra) throws Exception {
        Map<String, String> options = FaultRuns.options(lake, 2 * OPERATORS.size());
        options.putAll(extra);
        options.put("source.type", "file");
        options.put("source.file.path", input.toUri().toString());
        options.put("flink.parallelism.default", "2");
        FleetConfig cfg = Pipelines.config(options);
        StreamExecutionEnvironment env = Environments.create(cfg);
        DataStream<RawRecord> raw = Sources.create(env, cfg);
        if (after != null) {
            raw = raw.map(new Slowly()).returns(TypeInformation.of(RawRecord.class)).name("slowly");
        }
        PipelineStreams streams = TelemetryPipeline.build(raw, cfg);
        if (after != null) {
            streams = streams.through(new PipelineStreams.Tap() {
                @Override
                public <T> DataStream<T> apply(String output, DataStream<T> stream) {
                    Integer at = after.get(output);
                    return at == null ? stream : stream.map(new ThrowOnce<T>(output, at))
                            .returns(stream.getType()).name("throw once behind " + OPERATORS.get(output));
                }
            });
        }
        LakeOutputs.attach(streams, lake.toUri().toString(), cfg);
        StreamOutputs.attach(streams, cfg);
        env.execute(lake.getFileName().toString());
    }

    /**
     * Chained behind an operator: throws out of the operator's emit at the given record after a checkpoint of this
     * attempt, once in the JVM's life of the test.
     */
    private static final class ThrowOnce<T> extends RichMapFunction<T, T> implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final String output;
        private final int at;
        private transient volatile boolean checkpointed;
        private transient int seen;

        ThrowOnce(String output, int at) {
            this.output = output;
            this.at = at;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }

        @Override
        public T map(T value) {
            if (checkpointed && ++seen >= at && THROWN.add(output)) {
                throw new IllegalStateException("planned exception inside " + OPERATORS.get(output));
            }
            return value;
        }
    }
}
