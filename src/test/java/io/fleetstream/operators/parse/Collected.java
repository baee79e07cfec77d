package io.fleetstream.operators.parse;

import io.fleetstream.model.Reading;
import io.fleetstream.model.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/** What the parser gave, for tests: readings, rejections as {@code reason|group|detail}, dropped metric names. */
final class Collected implements ReadingParser.Output {
    final List<Reading> readings = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();

    @Override
    public void reading(Reading r) {
        readings.add(r);
    }

    @Override
    public void rejected(ReasonCode reason, String detail, String deviceId, String deviceGroup) {
        rejected.add(reason + "|" + deviceGroup + "|" + detail);
    }

    @Override
    public void droppedMetric(String metric, String why) {
        dropped.add(metric);
    }

    void clear() {
        readings.clear();
        rejected.clear();
        dropped.clear();
    }
}
