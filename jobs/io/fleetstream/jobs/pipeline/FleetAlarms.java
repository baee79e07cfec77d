package io.fleetstream.jobs.pipeline;

import io.fleetstream.model.AlarmEvent;
import io.fleetstream.operators.alarm.fleet.FleetInput;
import io.fleetstream.operators.alarm.fleet.FleetOperator;
import io.fleetstream.operators.alarm.rules.Fleet;
import io.fleetstream.operators.alarm.rules.RuleSet;
import java.util.List;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The {@code fleet} rules, after the alarm operator: the per-device alarm events they count, the devices' notes that
 * they reported and the operators' commands on the groups' fleet alarms go, keyed by device group, to one operator
 * (uid {@code fleet-alarms-v2}) that raises and clears the groups' alarms, applies the commands, and lets the events
 * it counted out again, marked where a fleet alarm covers them. Every other alarm event goes straight on. The
 * current-state table keeps taking the alarm operator's own events: its active alarms are per device.
 */
final class FleetAlarms {
    private FleetAlarms() {}

    /**
     * The alarm events for the outputs: {@code alarms} itself when the rules have no fleet rule.
     *
     * @param groupCommands commands on groups' fleet alarms, or null when there is no control stream
     */
    static DataStream<AlarmEvent> attach(SingleOutputStreamOperator<AlarmEvent> alarms, RuleSet rules,
            int cacheMaxGroups, DataStream<FleetInput> groupCommands) {
        List<Fleet> fleets = Fleet.in(rules);
        if (fleets.isEmpty()) {
            return alarms;
        }
        DataStream<AlarmEvent> direct = alarms.filter(new Counted(fleets, false))
                .uid("alarms-not-counted").name("alarms no fleet rule counts");
        DataStream<FleetInput> inputs = alarms.filter(new Counted(fleets, true))
                .uid("alarms-counted").name("alarms fleet rules count")
                .map(FleetInput::alarm).returns(TypeInformation.of(FleetInput.class))
                .uid("alarms-to-fleet").name("alarms to fleet")
                .union(alarms.getSideOutput(FleetOperator.SEEN));
        if (groupCommands != null) {
            inputs = inputs.union(groupCommands);
        }
        // v2: the state keeps each rule's acknowledgement and shelf, and commands wait for the watermark with the
        // other inputs (FleetState's and FleetInput's new fields)
        DataStream<AlarmEvent> fleet = inputs.keyBy(in -> in.deviceGroup, Types.STRING)
                .transform("fleet alarms", TypeInformation.of(AlarmEvent.class),
                        new FleetOperator(fleets, cacheMaxGroups))
                .uid("fleet-alarms-v2");
        return direct.union(fleet);
    }

    /** The events some fleet rule counts ({@code counted}), or the others. */
    static final class Counted implements FilterFunction<AlarmEvent> {
        private static final long serialVersionUID = 1L;
        private final List<Fleet> fleets;
        private final boolean counted;

        Counted(List<Fleet> fleets, boolean counted) {
            this.fleets = fleets;
            this.counted = counted;
        }

        @Override
        public boolean filter(AlarmEvent e) {
            return FleetOperator.counts(fleets, e) == counted;
        }
    }
}
