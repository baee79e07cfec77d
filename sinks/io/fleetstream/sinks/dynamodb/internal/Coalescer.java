package io.fleetstream.sinks.dynamodb.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one state per device in a batch, the newest: every UpdateItem costs a write, and an older state of the
 * same device would only be refused by the table's condition anyway.
 */
public final class Coalescer {
    private Coalescer() {}

    /** The newest state of each device in the batch, in the order devices first appear; equal versions: the later. */
    public static List<DeviceUpdate> newestPerDevice(List<DeviceUpdate> batch) {
        Map<String, DeviceUpdate> newest = new LinkedHashMap<>(batch.size() * 2);
        for (DeviceUpdate u : batch) {
            newest.merge(u.deviceId, u, (kept, next) -> next.supersedes(kept) ? next : kept);
        }
        return new ArrayList<>(newest.values());
    }
}
