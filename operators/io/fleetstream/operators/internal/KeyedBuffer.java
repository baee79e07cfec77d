package io.fleetstream.operators.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;

/**
 * Inputs that wait for the watermark, per key, on the heap: the watermark drains them, so they cost no keyed-state
 * access and no timer each. Before each checkpoint barrier the operator copies them to a keyed {@link ListState}
 * ({@link #flush}), and on restore reads them back ({@link #restore}), so a checkpoint holds exactly the inputs not
 * yet applied when its barrier passed. Not thread-safe: the task thread only.
 */
public final class KeyedBuffer<T> {
    /** Makes {@code key} the operator's current key (keyed state is accessed under it). */
    public interface KeySetter {
        void setCurrentKey(String key);
    }

    /**
     * Takes one key's due inputs, in order, and whether later ones still wait; the list is the buffer's own and is
     * cleared after the call.
     */
    public interface DueConsumer<T> {
        void accept(String key, List<T> due, boolean more) throws Exception;
    }

    private final ToLongFunction<T> timeOf;
    /** Event-time order; {@link List#sort} is stable, so ties keep arrival order unless it says otherwise. */
    private final Comparator<T> order;
    private final Map<String, ArrayList<T>> pending = new HashMap<>();
    /** Keys whose list was written at the last flush: cleared at the next one if their list emptied since. */
    private Set<String> inState = new HashSet<>();
    private long earliest = Long.MAX_VALUE;

    public KeyedBuffer(ToLongFunction<T> timeOf, Comparator<T> order) {
        this.timeOf = timeOf;
        this.order = order;
    }

    public void add(String key, T item) {
        pending.computeIfAbsent(key, k -> new ArrayList<>(4)).add(item);
        earliest = Math.min(earliest, timeOf.applyAsLong(item));
    }

    /** Hands every key's inputs at or before {@code upTo} to {@code consumer}, each key's in order; keeps the rest. */
    public void drain(long upTo, DueConsumer<T> consumer) throws Exception {
        if (upTo < earliest) {
            return;
        }
        long next = Long.MAX_VALUE;
        List<Map.Entry<String, ArrayList<T>>> due = new ArrayList<>();
        for (Map.Entry<String, ArrayList<T>> entry : pending.entrySet()) {
            ArrayList<T> list = entry.getValue();
            list.sort(order);
            if (timeOf.applyAsLong(list.get(0)) <= upTo) {
                due.add(entry);
            } else {
                next = Math.min(next, timeOf.applyAsLong(list.get(0)));
            }
        }
        // the consumer may remove keys (a device forgotten), so the map is not iterated while it runs
        for (Map.Entry<String, ArrayList<T>> entry : due) {
            ArrayList<T> list = entry.getValue();
            int n = 0;
            while (n < list.size() && timeOf.applyAsLong(list.get(n)) <= upTo) {
                n++;
            }
            List<T> head = list.subList(0, n);
            consumer.accept(entry.getKey(), head, n < list.size());
            head.clear();
            if (list.isEmpty()) {
                pending.remove(entry.getKey(), list);
            } else if (pending.get(entry.getKey()) == list) {
                next = Math.min(next, timeOf.applyAsLong(list.get(0)));
            }
        }
        earliest = next;
    }

    /** Drops the key's inputs (its state is gone); its list in keyed state is cleared at the next flush. */
    public void remove(String key) {
        pending.remove(key);
    }

    public int size() {
        return pending.values().stream().mapToInt(List::size).sum();
    }

    /** Writes every key's inputs to {@code state} as copies, and clears the keys whose inputs were all applied. */
    public void flush(ListState<T> state, KeySetter keys) throws Exception {
        for (Map.Entry<String, ArrayList<T>> e : pending.entrySet()) {
            keys.setCurrentKey(e.getKey());
            // a copy: the heap backend would otherwise snapshot the list this buffer goes on changing
            state.update(new ArrayList<>(e.getValue()));
        }
        for (String key : inState) {
            if (!pending.containsKey(key)) {
                keys.setCurrentKey(key);
                state.clear();
            }
        }
        inState = new HashSet<>(pending.keySet());
    }

    /** Reads back the inputs a checkpoint held (call from the operator's {@code open}). */
    public void restore(KeyedStateBackend<String> keyed, ListStateDescriptor<T> descriptor) throws Exception {
        keyed.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor, (key, state) -> {
            for (T item : state.get()) {
                add(key, item);
            }
            if (pending.containsKey(key)) {
                inState.add(key);
            }
        });
    }

    /** Whether {@code key} has inputs waiting. */
    public boolean has(String key) {
        return pending.containsKey(key);
    }
}
