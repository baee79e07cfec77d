package io.fleetstream.operators.alarm.commands;

import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.RawRecord;
import io.fleetstream.model.ReasonCode;
import io.fleetstream.operators.alarm.fleet.FleetInput;
import io.fleetstream.operators.parse.ParseFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns records of the alarm control stream into commands: a device's on the main output (for the alarm operator,
 * keyed by device), a device group's fleet alarms' on {@link #GROUP_COMMANDS} (for the fleet operator, keyed by
 * group). Anything else becomes a dead letter ({@code INVALID_COMMAND}, side output
 * {@link ParseFunction#DEAD_LETTERS}), so a bad command is visible and lost nowhere.
 */
public class ParseCommandFunction extends ProcessFunction<RawRecord, AlarmCommand> {
    private static final long serialVersionUID = 1L;

    /** Commands on a device group's fleet alarms, keyed for the fleet operator by their group. */
    public static final OutputTag<FleetInput> GROUP_COMMANDS = new OutputTag<FleetInput>("fleet-commands") {};

    private final int maxRawBytes;
    private final boolean fleetRules;

    /**
     * @param fleetRules whether the job runs fleet rules; without, a command on a group's fleet alarms has nowhere
     *     to go and is a dead letter saying so
     */
    public ParseCommandFunction(int maxRawBytes, boolean fleetRules) {
        this.maxRawBytes = maxRawBytes;
        this.fleetRules = fleetRules;
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<AlarmCommand> out) {
        try {
            CommandParser.Parsed p = CommandParser.parse(raw.payload);
            p.command.source = raw.source;
            if (p.deviceGroup == null) {
                out.collect(p.command);
            } else if (fleetRules) {
                ctx.output(GROUP_COMMANDS, FleetInput.command(p.deviceGroup, p.command));
            } else {
                deadLetter(raw, ctx, "no 'deviceId': the command addresses the fleet alarms of group '"
                        + p.deviceGroup + "', and the job runs no fleet rule");
            }
        } catch (CommandParser.InvalidCommand e) {
            deadLetter(raw, ctx, e.getMessage());
        }
    }

    private void deadLetter(RawRecord raw, Context ctx, String reason) {
        ctx.output(ParseFunction.DEAD_LETTERS,
                ParseFunction.deadLetter(raw, ReasonCode.INVALID_COMMAND, reason, null, null, maxRawBytes));
    }
}
