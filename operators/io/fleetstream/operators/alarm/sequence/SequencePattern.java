package io.fleetstream.operators.alarm.sequence;

import io.fleetstream.operators.alarm.AlarmInput;
import io.fleetstream.operators.alarm.rules.Sequence;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * One sequence rule as a Flink CEP pattern: {@code begin(1).followedBy(2)...}, the last step {@code notFollowedBy}
 * when it is absent, always {@code within} the rule's window, so every partial match ends (CEP keeps those of an
 * unbounded pattern forever, FLINK-23314). Uses only API that Flink 1.20 and 2.x share.
 *
 * <p>After a match, partial matches that began at or before its last reading are dropped (skip past the last
 * event): the alarm needs one completion per reading at most, not one per earlier reading that met the first step.
 */
public final class SequencePattern {
    private SequencePattern() {}

    /** The pattern's name for step {@code i} (0-based): its 1-based position. */
    static String step(int i) {
        return Integer.toString(i + 1);
    }

    static Pattern<SequenceStep, SequenceStep> of(Sequence s) {
        Pattern<SequenceStep, SequenceStep> p = Pattern.<SequenceStep>begin(step(0),
                AfterMatchSkipStrategy.skipPastLastEvent()).where(new StepHolds(0));
        int last = s.steps.size() - 1;
        for (int i = 1; i <= last; i++) {
            p = (i == last && s.lastAbsent ? p.notFollowedBy(step(i)) : p.followedBy(step(i)))
                    .where(new StepHolds(i));
        }
        // CEP's window is half-open (a match times out once the time since its first event reaches it): one more
        // millisecond makes "within" include its end, so a reading exactly at the end still meets a step or, for
        // an absent step, still breaks the sequence; the completion reads first + within all the same.
        return p.within(Duration.ofMillis(s.withinMillis + 1));
    }

    /**
     * The rule's completions, from its devices' steps (keyed by device, in event time): each an alarm input at the
     * completing reading's time, or for an absent last step at the end of the window.
     */
    public static SingleOutputStreamOperator<AlarmInput> detect(KeyedStream<SequenceStep, String> steps, Sequence s) {
        return CEP.pattern(steps, of(s)).inEventTime()
                .process(new SequenceMatches(s), TypeInformation.of(AlarmInput.class));
    }

    /** Step {@code i} holds at the reading. */
    static final class StepHolds extends SimpleCondition<SequenceStep> {
        private static final long serialVersionUID = 1L;
        private final int step;

        StepHolds(int step) {
            this.step = step;
        }

        @Override
        public boolean filter(SequenceStep value) {
            return value.holds(step);
        }
    }
}
