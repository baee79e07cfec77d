package io.fleetstream.connectors.kinesis.source.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceEvent;

/** From a reader to the enumerator: these shards are read to their end, every record emitted. */
public final class ShardsFinishedEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, ShardOutcome> outcomes;

    public ShardsFinishedEvent(Map<String, ShardOutcome> outcomes) {
        this.outcomes = new LinkedHashMap<>(outcomes);
    }

    public Map<String, ShardOutcome> outcomes() {
        return outcomes;
    }

    @Override
    public String toString() {
        return "ShardsFinishedEvent" + outcomes;
    }
}
