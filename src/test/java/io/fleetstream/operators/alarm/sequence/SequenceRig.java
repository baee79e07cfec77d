package io.fleetstream.operators.alarm.sequence;

import io.fleetstream.model.Reading;
import io.fleetstream.operators.alarm.AlarmInput;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.alarm.rules.Sequence;
import io.fleetstream.testing.NoKryo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The feed and one CEP operator per sequence rule, each in Flink's keyed harness and wired as the job wires them:
 * what the feed emits (its steps and watermarks, in order) goes to the CEP operator of the step's rule. The CEP
 * operators are the ones {@link SequencePattern#detect} builds, taken from a job graph.
 */
final class SequenceRig implements AutoCloseable {
    static final long T0 = 1_763_640_000_000L;
    static final long SECOND = 1_000L;
    static final long MINUTE = 60_000L;
    static final long TTL = 24 * 60 * MINUTE;

    /** A checkpoint of every operator of the rig. */
    static final class Snapshot {
        final OperatorSubtaskState feed;
        final Map<String, OperatorSubtaskState> ceps;

        Snapshot(OperatorSubtaskState feed, Map<String, OperatorSubtaskState> ceps) {
            this.feed = feed;
            this.ceps = ceps;
        }
    }

    final KeyedOneInputStreamOperatorTestHarness<String, Reading, SequenceStep> feed;
    final Map<String, KeyedOneInputStreamOperatorTestHarness<String, SequenceStep, AlarmInput>> ceps =
            new LinkedHashMap<>();
    private int piped;

    SequenceRig(RuleSet rules, StateBackend backend, Snapshot restoreFrom) throws Exception {
        List<Sequence> sequences = Sequence.in(rules);
        feed = new KeyedOneInputStreamOperatorTestHarness<>(new SequenceFeed(sequences, TTL, 10_000),
                r -> r.deviceId, Types.STRING);
        NoKryo.on(feed.getExecutionConfig());
        start(feed, backend, restoreFrom == null ? null : restoreFrom.feed);
        for (Sequence s : sequences) {
            KeyedOneInputStreamOperatorTestHarness<String, SequenceStep, AlarmInput> cep =
                    new KeyedOneInputStreamOperatorTestHarness<>(cepOperator(s), step -> step.deviceId,
                            Types.STRING);
            NoKryo.on(cep.getExecutionConfig());
            start(cep, backend, restoreFrom == null ? null : restoreFrom.ceps.get(s.rule));
            ceps.put(s.rule, cep);
        }
    }

    private static void start(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, StateBackend backend,
            OperatorSubtaskState from) throws Exception {
        h.setStateBackend(backend);
        if (from != null) {
            h.initializeState(from);
        }
        h.open();
    }

    /** The CEP operator of the rule, as the job graph holds it. */
    @SuppressWarnings("unchecked")
    private static StreamOperatorFactory<AlarmInput> cepOperator(Sequence s) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var steps = env.fromData(new SequenceStep()).returns(TypeInformation.of(SequenceStep.class))
                .keyBy(step -> step.deviceId, Types.STRING);
        var out = SequencePattern.detect(steps, s);
        return ((OneInputTransformation<SequenceStep, AlarmInput>) out.getTransformation()).getOperatorFactory();
    }

    SequenceRig read(String device, String group, long t, Object... metricValues) throws Exception {
        String[] metrics = new String[metricValues.length / 2];
        double[] values = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = (String) metricValues[2 * i];
            values[i] = ((Number) metricValues[2 * i + 1]).doubleValue();
        }
        feed.processElement(new Reading(device, group, t, null, metrics, values), t);
        return pipe();
    }

    SequenceRig watermark(long t) throws Exception {
        feed.processWatermark(new Watermark(t));
        return pipe();
    }

    /** Hands what the feed emitted since the last call to the CEP operators, in order. */
    @SuppressWarnings("unchecked")
    private SequenceRig pipe() throws Exception {
        List<Object> out = new ArrayList<>(feed.getOutput());
        for (Object o : out.subList(piped, out.size())) {
            if (o instanceof Watermark) {
                for (var cep : ceps.values()) {
                    cep.processWatermark((Watermark) o);
                }
            } else {
                StreamRecord<SequenceStep> r = (StreamRecord<SequenceStep>) o;
                ceps.get(r.getValue().rule).processElement(r.getValue(), r.getTimestamp());
            }
        }
        piped = out.size();
        return this;
    }

    /** The steps the feed sent so far. */
    List<SequenceStep> steps() {
        return feed.extractOutputValues();
    }

    /** Every completion so far, rule by rule in the rules' order. */
    List<AlarmInput> completions() {
        List<AlarmInput> all = new ArrayList<>();
        for (var cep : ceps.values()) {
            all.addAll(cep.extractOutputValues());
        }
        return all;
    }

    /** As tasks take a checkpoint: the feed writes its heap state before the barrier, then all are snapshotted. */
    Snapshot checkpoint(long id) throws Exception {
        feed.prepareSnapshotPreBarrier(id);
        Map<String, OperatorSubtaskState> cepStates = new LinkedHashMap<>();
        for (var e : ceps.entrySet()) {
            e.getValue().prepareSnapshotPreBarrier(id);
            cepStates.put(e.getKey(), e.getValue().snapshot(id, id));
        }
        return new Snapshot(feed.snapshot(id, id), cepStates);
    }

    @Override
    public void close() throws Exception {
        feed.close();
        for (var cep : ceps.values()) {
            cep.close();
        }
    }
}
