package io.fleetstream.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fleetstream.jobs.config.FleetConfig;
import io.fleetstream.jobs.internal.Environments;
import io.fleetstream.jobs.sources.Sources;
import io.fleetstream.testing.Checkpoints;
import io.fleetstream.testing.OperatorIds;
import io.fleetstream.testing.Pipelines;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorBackendSerializationProxy;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state a checkpoint of the whole telemetry job holds, operator by operator (by uid), state by state (name,
 * kind, serializer), against {@code src/test/resources/golden/state-layout.txt}. A savepoint of a user's job restores
 * only into the same uids and compatible serializers, so a change here is a change users must be told about: the
 * test fails naming what changed and what to do. It also fails when any state falls back to Kryo, whose state does
 * not survive Flink 2's move from Kryo 2 to 5, or when an operator with state has no uid of ours.
 */
class StateLayoutTest {
    /**
     * One file for both Flink lines: the same layout on each is what lets a 1.20 savepoint restore in the 2.2 jar
     * (UpgradeFrom120IT restores one).
     */
    private static final Path GOLDEN = Path.of(System.getProperty("fleetstream.project.dir", "."),
            "src/test/resources/golden/state-layout.txt");
    /** {@code -Dfleetstream.golden.write=true} rewrites the golden file from this run instead of comparing. */
    private static final boolean WRITE = Boolean.getBoolean("fleetstream.golden.write");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void everyOperatorKeepsTheStateLayoutOfTheGoldenFileOnFlinksOwnSerializers() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        // the built-in rules, a sequence rule and a fleet rule, so the sequence and fleet operators' state is in the
        // layout too
        Path rules = dir.resolve("rules.yaml");
        try (InputStream defaults = StateLayoutTest.class.getResourceAsStream("/io/fleetstream/jobs/default-rules.yaml")) {
            Files.writeString(rules, new String(defaults.readAllBytes(), StandardCharsets.UTF_8) + String.join("\n",
                    "", "  - name: door-then-warm", "    kind: sequence", "    groups: [\"reefers-*\"]", "    steps:",
                    "      - {metric: door_open, equals: 0}", "      - {metric: temp_c, above: -100}",
                    "    within: 10m", "  - {name: half-down, kind: fleet, of: device-offline, share: 0.5, window: 10m}",
                    ""), StandardCharsets.UTF_8);
        }
        FleetConfig cfg = Pipelines.config(Map.ofEntries(
                Map.entry("rules.path", rules.toString()),
                Map.entry("source.type", "simulator"),
                Map.entry("simulator.devices", "10"),
                Map.entry("simulator.duration", "2 h"),
                Map.entry("simulator.interval", "30 s"),
                Map.entry("simulator.fault-rate", "0.5"),
                Map.entry("simulator.start", "2025-11-20T00:00:00Z"),
                Map.entry("simulator.rate", "400"),
                Map.entry("anomaly.enabled", "true"),
                Map.entry("lake.path", dir.resolve("lake").toUri().toString()),
                Map.entry("checkpoint.dir", checkpoints.toUri().toString()),
                Map.entry("checkpoint.interval", "200 ms"),
                Map.entry("flink.state.backend.type", "hashmap"),
                Map.entry("flink.parallelism.default", "1")));
        StreamExecutionEnvironment env = Environments.create(cfg);
        LakeOutputs.attach(TelemetryPipeline.build(Sources.create(env, cfg), cfg), dir.resolve("lake").toUri()
                .toString(), cfg);
        Map<OperatorID, String> uids = new HashMap<>();
        for (StreamNode node : env.getStreamGraph(false).getStreamNodes()) {
            if (node.getTransformationUID() != null) {
                uids.put(OperatorIds.of(node.getTransformationUID()), node.getTransformationUID());
            }
        }
        JobClient job = env.executeAsync("state layout");
        try {
            long until = System.currentTimeMillis() + 120_000;
            while (Checkpoints.newest(checkpoints) < 3) {
                assertThat(System.currentTimeMillis()).as("three checkpoints within 2 min").isLessThan(until);
                Thread.sleep(20);
            }
        } finally {
            job.cancel().get();
        }

        String layout = layout(newestMetadata(checkpoints), uids);
        assertThat(layout).as("state falling back to Kryo").doesNotContain("Kryo");
        if (WRITE) {
            Files.writeString(GOLDEN, layout, StandardCharsets.UTF_8);
            return;
        }
        String golden = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        if (!layout.equals(golden)) {
            fail("The job's state layout changed:%n%s%nA savepoint of the previous build restores only into the same "
                    + "uids with compatible serializers. If the change is meant: give each operator whose state "
                    + "changed a new uid (e.g. anomaly-v4 -> anomaly-v5), say so in README.md's upgrade notes (the "
                    + "old state is then left behind with --allowNonRestoredState), and rewrite the golden file with "
                    + "mvn test -Dtest=StateLayoutTest -Dfleetstream.golden.write=true. If it is not meant, it is a "
                    + "bug: a renamed uid or state, or a type whose serializer changed.", diff(golden, layout));
        }
    }

    private static CheckpointMetadata newestMetadata(Path checkpoints) throws Exception {
        int n = Checkpoints.newest(checkpoints);
        Path metadata;
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            metadata = files.filter(p -> p.endsWith(Path.of("chk-" + n, "_metadata"))).findFirst().orElseThrow();
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(metadata))) {
            return org.apache.flink.runtime.checkpoint.Checkpoints.loadCheckpointMetadata(in,
                    StateLayoutTest.class.getClassLoader(), metadata.getParent().toString());
        }
    }

    /** A line per operator (by uid) and state: its kind, name and serializers; sorted. */
    private static String layout(CheckpointMetadata metadata, Map<OperatorID, String> uids) throws Exception {
        Map<String, TreeSet<String>> byUid = new TreeMap<>();
        for (OperatorState operator : metadata.getOperatorStates()) {
            TreeSet<String> states = new TreeSet<>();
            for (OperatorSubtaskState subtask : operator.getStates()) {
                for (KeyedStateHandle keyed : subtask.getManagedKeyedState()) {
                    KeyedBackendSerializationProxy<?> proxy =
                            new KeyedBackendSerializationProxy<>(StateLayoutTest.class.getClassLoader());
                    try (InputStream in = ((KeyGroupsStateHandle) keyed).openInputStream()) {
                        proxy.read(new DataInputViewStreamWrapper(in));
                    }
                    states.add("key " + describe(proxy.getKeySerializerSnapshot()));
                    for (StateMetaInfoSnapshot s : proxy.getStateMetaInfoSnapshots()) {
                        states.add("keyed " + describe(s));
                    }
                }
                for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
                    OperatorBackendSerializationProxy proxy =
                            new OperatorBackendSerializationProxy(StateLayoutTest.class.getClassLoader());
                    try (InputStream in = handle.openInputStream()) {
                        proxy.read(new DataInputViewStreamWrapper(in));
                    }
                    for (StateMetaInfoSnapshot s : proxy.getOperatorStateMetaInfoSnapshots()) {
                        states.add("operator " + describe(s));
                    }
                    for (StateMetaInfoSnapshot s : proxy.getBroadcastStateMetaInfoSnapshots()) {
                        states.add("broadcast " + describe(s));
                    }
                }
            }
            if (states.isEmpty()) {
                continue;
            }
            String uid = uids.get(operator.getOperatorID());
            assertThat(uid).as("the uid of operator %s with state %s: every stateful operator needs a uid of ours",
                    operator.getOperatorID(), states).isNotNull();
            byUid.put(uid, states);
        }
        // a line per state, led by its operator's uid, so a difference names both
        StringBuilder out = new StringBuilder();
        byUid.forEach((uid, states) -> states.forEach(s -> out.append(uid).append("  ").append(s).append('\n')));
        return out.toString();
    }

    private static String describe(StateMetaInfoSnapshot s) {
        List<String> serializers = new ArrayList<>();
        new TreeMap<>(s.getSerializerSnapshotsImmutable()).forEach((role, snapshot) ->
                serializers.add(role + "=" + describe(snapshot)));
        return s.getName() + " " + s.getBackendStateType() + " " + String.join(" ", serializers);
    }

    /** The snapshot's class and version, and its nested serializers' for composites (lists, maps, tuples). */
    private static String describe(TypeSerializerSnapshot<?> snapshot) {
        String name = snapshot.getClass().getName().replace("org.apache.flink.", "o.a.f.") + "@"
                + snapshot.getCurrentVersion();
        if (snapshot instanceof PojoSerializerSnapshot) {
            // the POJO's fields as Flink's type extraction sees them: what its serializer writes, in that order
            Class<?> type = snapshot.restoreSerializer().createInstance().getClass();
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) TypeInformation.of(type);
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < pojo.getArity(); i++) {
                fields.add(pojo.getPojoFieldAt(i).getField().getName() + ":" + pojo.getTypeAt(i));
            }
            return name + "<" + type.getName() + ">{" + String.join(", ", fields) + "}";
        }
        if (snapshot instanceof CompositeTypeSerializerSnapshot) {
            return name + Stream.of(((CompositeTypeSerializerSnapshot<?, ?>) snapshot).getNestedSerializerSnapshots())
                    .map(StateLayoutTest::describe).collect(Collectors.joining(", ", "(", ")"));
        }
        return name;
    }

    private static String diff(String expected, String actual) {
        List<String> a = List.of(expected.split("\n"));
        List<String> b = List.of(actual.split("\n"));
        StringBuilder out = new StringBuilder();
        a.stream().filter(l -> !b.contains(l)).forEach(l -> out.append("- ").append(l).append('\n'));
        b.stream().filter(l -> !a.contains(l)).forEach(l -> out.append("+ ").append(l).append('\n'));
        return out.toString();
    }
}
