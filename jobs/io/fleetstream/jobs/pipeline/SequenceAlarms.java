package io.fleetstream.jobs.pipeline;

import io.fleetstream.model.Reading;
import io.fleetstream.operators.alarm.AlarmInput;
import io.fleetstream.operators.alarm.rules.RuleSet;
import io.fleetstream.operators.alarm.rules.Sequence;
import io.fleetstream.operators.alarm.sequence.SequenceFeed;
import io.fleetstream.operators.alarm.sequence.SequencePattern;
import io.fleetstream.operators.alarm.sequence.SequenceStep;
import java.util.List;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The detection half of {@code sequence} rules, on the device-keyed readings: one feed (uid {@code sequence-feed})
 * that puts readings in event-time order and says which steps each meets, then one Flink CEP operator per rule (uid
 * {@code cep-<rule name>}) whose completions go to the alarm operator with the anomalies and commands.
 *
 * <p>A CEP operator's uid is its rule's name, so adding a rule adds an operator that starts empty and changing
 * another rule keeps its partial matches; a rule removed (or renamed) leaves its CEP state behind, which a restore
 * accepts only with {@code --allowNonRestoredState}.
 */
final class SequenceAlarms {
    private SequenceAlarms() {}

    /** The completed sequences, keyed by nothing yet; null when the rules have no sequence rule. */
    static DataStream<AlarmInput> completions(KeyedStream<Reading, String> byDevice, RuleSet rules,
            long deviceTtlMillis, int cacheMaxDevices) {
        List<Sequence> sequences = Sequence.in(rules);
        if (sequences.isEmpty()) {
            return null;
        }
        SingleOutputStreamOperator<SequenceStep> steps = byDevice.transform("sequence feed",
                TypeInformation.of(SequenceStep.class), new SequenceFeed(sequences, deviceTtlMillis, cacheMaxDevices))
                .uid("sequence-feed");
        DataStream<AlarmInput> all = null;
        for (Sequence s : sequences) {
            // A filter keeps the device partitioning: reinterpreted, not shuffled again.
            KeyedStream<SequenceStep, String> mine = DataStreamUtils.reinterpretAsKeyedStream(
                    steps.filter(new OfRule(s.rule)).uid("steps-of-" + s.rule).name("steps of " + s.rule),
                    step -> step.deviceId, Types.STRING);
            DataStream<AlarmInput> done = SequencePattern.detect(mine, s).uid("cep-" + s.rule)
                    .name("sequence " + s.rule);
            all = all == null ? done : all.union(done);
        }
        return all;
    }

    /** The steps of one rule. */
    static final class OfRule implements FilterFunction<SequenceStep> {
        private static final long serialVersionUID = 1L;
        private final String rule;

        OfRule(String rule) {
            this.rule = rule;
        }

        @Override
        public boolean filter(SequenceStep step) {
            return rule.equals(step.rule);
        }
    }
}
