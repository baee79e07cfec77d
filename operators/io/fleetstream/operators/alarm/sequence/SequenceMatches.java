package io.fleetstream.operators.alarm.sequence;

import io.fleetstream.operators.alarm.AlarmInput;
import io.fleetstream.operators.alarm.rules.Condition;
import io.fleetstream.operators.alarm.rules.Sequence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a CEP match of a sequence rule into the alarm operator's input, at its own event time: the reading that met
 * the last step, or for an absent last step the first step's reading plus the window. Not the time CEP emits it
 * at, which for an absent step is whichever watermark passed the window's end.
 */
final class SequenceMatches extends PatternProcessFunction<SequenceStep, AlarmInput> {
    private static final long serialVersionUID = 1L;

    private final Sequence sequence;

    SequenceMatches(Sequence sequence) {
        this.sequence = sequence;
    }

    @Override
    public void processMatch(Map<String, List<SequenceStep>> match, Context ctx, Collector<AlarmInput> out) {
        SequenceStep first = match.get(SequencePattern.step(0)).get(0);
        int met = sequence.lastAbsent ? sequence.steps.size() - 1 : sequence.steps.size();
        StringBuilder text = new StringBuilder();
        long time = first.eventTime;
        for (int i = 0; i < met; i++) {
            SequenceStep e = match.get(SequencePattern.step(i)).get(0);
            Condition step = sequence.steps.get(i);
            text.append(i == 0 ? "" : ", ").append(step.signal.metric).append('=').append(e.values[i]).append(" at ")
                    .append(Instant.ofEpochMilli(e.eventTime));
            time = e.eventTime;
        }
        if (sequence.lastAbsent) {
            time = first.eventTime + sequence.withinMillis;
            text.append(", no ").append(sequence.last()).append(" until ").append(Instant.ofEpochMilli(time));
        }
        out.collect(AlarmInput.sequence(first.deviceId, time, sequence.rule, text.toString()));
    }
}
