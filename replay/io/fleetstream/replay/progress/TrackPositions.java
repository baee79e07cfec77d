package io.fleetstream.replay.progress;

import io.fleetstream.model.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes raw records through unchanged and records, per input, the latest event time read (the record's timestamp,
 * which the source's watermark strategy took from the payload). The input is the record's source position up to
 * its offset ({@code kafka:topic/3}, {@code kinesis:stream/shardId-...}); the lake source's files are many and short-lived,
 * so its input is the reader ({@code lake/0}, {@code lake/1}, ...).
 */
public final class TrackPositions extends ProcessFunction<RawRecord, RawRecord> {
    private static final long serialVersionUID = 1L;

    private transient EventTimePositions positions;
    private transient String lakeInput;
    private transient String lastSource;
    private transient String lastInput;

    @Override
    public void open(OpenContext openContext) {
        positions = new EventTimePositions();
        getRuntimeContext().addAccumulator(EventTimePositions.NAME, positions);
        lakeInput = "lake/" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<RawRecord> out) {
        Long t = ctx.timestamp();
        positions.record(input(r.source), t == null ? Long.MIN_VALUE : t);
        out.collect(r);
    }

    /** The source up to its last '@' or '#'; the previous answer is reused while the prefix is the same. */
    private String input(String source) {
        if (source == null) {
            return "unknown";
        }
        if (source.startsWith("lake:")) {
            return lakeInput;
        }
        int cut = Math.max(source.lastIndexOf('@'), source.lastIndexOf('#'));
        if (cut < 0) {
            return source;
        }
        if (lastSource != null && lastInput.length() == cut && source.regionMatches(0, lastSource, 0, cut)) {
            return lastInput;
        }
        lastSource = source;
        lastInput = source.substring(0, cut);
        return lastInput;
    }
}
