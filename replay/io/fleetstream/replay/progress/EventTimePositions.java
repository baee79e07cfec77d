package io.fleetstream.replay.progress;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * How far each input (Kafka partition, Kinesis shard, lake reader, file) has been read: the latest event time seen
 * and the records read, as an accumulator the replay command polls for its progress lines. Subtasks' values merge by
 * input: later time, summed counts.
 */
public final class EventTimePositions implements Accumulator<EventTimePositions.Position, TreeMap<String, EventTimePositions.Position>> {
    private static final long serialVersionUID = 1L;

    /** Name of the accumulator. */
    public static final String NAME = "replay.positions";

    private TreeMap<String, Position> positions = new TreeMap<>();

    /** One input's position. */
    public static final class Position implements Serializable {
        private static final long serialVersionUID = 1L;

        public final String input;
        /** Latest event time read, epoch ms; Long.MIN_VALUE before the first record with a time. */
        public long eventTime;
        public long records;

        public Position(String input, long eventTime, long records) {
            this.input = input;
            this.eventTime = eventTime;
            this.records = records;
        }

        @Override
        public String toString() {
            return (eventTime == Long.MIN_VALUE ? "no event time" : java.time.Instant.ofEpochMilli(eventTime).toString())
                    + ", " + records + " records";
        }
    }

    /** Records one record of {@code input} at {@code eventTime} (Long.MIN_VALUE when it has none). */
    public void record(String input, long eventTime) {
        Position p = positions.get(input);
        if (p == null) {
            p = new Position(input, Long.MIN_VALUE, 0);
            positions.put(input, p);
        }
        p.records++;
        if (eventTime > p.eventTime) {
            p.eventTime = eventTime;
        }
    }

    @Override
    public void add(Position value) {
        Position p = positions.get(value.input);
        if (p == null) {
            positions.put(value.input, new Position(value.input, value.eventTime, value.records));
        } else {
            p.eventTime = Math.max(p.eventTime, value.eventTime);
            p.records += value.records;
        }
    }

    @Override
    public TreeMap<String, Position> getLocalValue() {
        return positions;
    }

    @Override
    public void resetLocal() {
        positions = new TreeMap<>();
    }

    @Override
    public void merge(Accumulator<Position, TreeMap<String, Position>> other) {
        for (Map.Entry<String, Position> e : other.getLocalValue().entrySet()) {
            add(e.getValue());
        }
    }

    @Override
    public EventTimePositions clone() {
        EventTimePositions c = new EventTimePositions();
        positions.forEach((k, v) -> c.positions.put(k, new Position(v.input, v.eventTime, v.records)));
        return c;
    }
}
