package io.fleetstream.operators.parse;

import io.fleetstream.model.DeadLetter;
import io.fleetstream.model.RawRecord;
import io.fleetstream.model.Reading;
import io.fleetstream.model.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses raw records into readings (main output) and dead letters (side output {@link #DEAD_LETTERS}). */
public class ParseFunction extends ProcessFunction<RawRecord, Reading> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<DeadLetter>("dead-letters") {};

    private final ParseSettings settings;

    private transient ReadingParser parser;
    private transient Emitter emitter;
    private transient Counter readings;
    private transient Counter deadLetters;
    private transient Counter droppedMetrics;
    private transient LongCounter recordsIn;

    /** Accumulator of records read from the source, for progress lines. */
    public static final String RECORDS_IN = "records.in";

    public ParseFunction(ParseSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new ReadingParser(settings);
        emitter = new Emitter();
        readings = getRuntimeContext().getMetricGroup().counter("readingsParsed");
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        droppedMetrics = getRuntimeContext().getMetricGroup().counter("metricsDropped");
        recordsIn = new LongCounter();
        getRuntimeContext().addAccumulator(RECORDS_IN, recordsIn);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<Reading> out) {
        recordsIn.add(1L);
        emitter.raw = raw;
        emitter.ctx = ctx;
        emitter.out = out;
        byte[] payload = raw.payload == null ? new byte[0] : raw.payload;
        if (payload.length == 0) {
            emitter.rejected(ReasonCode.MALFORMED_JSON, "empty payload", null, null);
        } else {
            parser.parse(payload, raw.ingestTime, emitter);
        }
    }

    /** A dead letter keeping the raw payload, truncated past {@code maxRawBytes} with a note saying so. */
    public static DeadLetter deadLetter(RawRecord raw, ReasonCode reason, String detail, String deviceId,
            String group, int maxRawBytes) {
        byte[] payload = raw.payload == null ? new byte[0] : raw.payload;
        String text;
        if (payload.length > maxRawBytes) {
            text = new String(Arrays.copyOf(payload, maxRawBytes), StandardCharsets.UTF_8);
            detail = detail + " [raw truncated to " + maxRawBytes + " of " + payload.length + " bytes]";
        } else {
            text = new String(payload, StandardCharsets.UTF_8);
        }
        return new DeadLetter(reason, detail, text, raw.source, raw.ingestTime, group, deviceId);
    }

    private final class Emitter implements ReadingParser.Output {
        RawRecord raw;
        Context ctx;
        Collector<Reading> out;

        @Override
        public void reading(Reading reading) {
            readings.inc();
            out.collect(reading);
        }

        @Override
        public void rejected(ReasonCode reason, String detail, String deviceId, String deviceGroup) {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, deadLetter(raw, reason, detail, deviceId, deviceGroup, settings.maxRawBytes));
        }

        @Override
        public void droppedMetric(String metric, String why) {
            droppedMetrics.inc();
        }
    }
}
