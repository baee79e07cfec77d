package io.fleetstream.operators.alarm.commands;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.RawRecord;
import io.fleetstream.model.ReasonCode;
import io.fleetstream.operators.parse.ParseFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns records of the alarm control stream into commands; anything else becomes a dead letter
 * ({@code INVALID_COMMAND}, side output {@link ParseFunction#DEAD_LETTERS}), so a bad command is visible and lost
 * nowhere.
 */
public class ParseCommandFunction extends ProcessFunction<RawRecord, AlarmCommand> {
    private static final long serialVersionUID = 1L;

    private final int maxRawBytes;

    public ParseCommandFunction(int maxRawBytes) {
        this.maxRawBytes = maxRawBytes;
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<AlarmCommand> out) {
        try {
            AlarmCommand c = CommandParser.parse(raw.payload);
            c.source = raw.source;
            out.collect(c);
        } catch (CommandParser.InvalidCommand e) {
            ctx.output(ParseFunction.DEAD_LETTERS,
                    ParseFunction.deadLetter(raw, ReasonCode.INVALID_COMMAND, e.getMessage(), null, null, maxRawBytes));
        }
    }
}
