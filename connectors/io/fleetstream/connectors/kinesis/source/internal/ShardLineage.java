package io.fleetstream.connectors.kinesis.source.internal;

import io.fleetstream.connectors.kinesis.source.internal.ShardEntry.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shards of the stream and their parents, and which are pending, assigned or finished. A shard may be read
 * once every parent is finished: parents first, so that a key's records keep their order across a reshard.
 * Parents not listed (expired with the stream's retention) count as finished.
 *
 * <p>A bounded source reads up to a stop instant (its window's end); an unbounded one finishes shards only when
 * they are closed, so what follows never applies to it. Children created after the window are not read. They
 * are recognised by their parents rather than by their sequence numbers (whose time encoding is not
 * documented): a shard that had a record arriving at or after the window's end was still open then, so its
 * children were created after the window and cannot hold records in it; they are finished as SKIPPED, and their
 * own children with them. A child of a shard that closed inside or before the window is read from the window's
 * start and ends at its first record past the window like any shard.
 */
public final class ShardLineage {
    private static final class Shard {
        final String id;
        final List<String> parents;
        Status status = Status.PENDING;
        ShardOutcome outcome;

        Shard(String id, List<String> parents) {
            this.id = id;
            this.parents = List.copyOf(parents);
        }
    }

    // Kinesis numbers shards in creation order (shardId-000000000012), so this also puts parents before children.
    private final Map<String, Shard> shards = new TreeMap<>();

    public ShardLineage() {}

    public ShardLineage(List<ShardEntry> entries) {
        for (ShardEntry e : entries) {
            Shard s = new Shard(e.shardId, e.parents);
            s.status = e.status;
            s.outcome = e.outcome;
            shards.put(e.shardId, s);
        }
    }

    /** Adds a listed shard unless known already; returns whether it was new. */
    public boolean add(String shardId, List<String> parents) {
        if (shards.containsKey(shardId)) {
            return false;
        }
        shards.put(shardId, new Shard(shardId, parents));
        return true;
    }

    /**
     * The pending shards whose parents are all finished, in creation order; first marks SKIPPED every pending
     * shard with a finished parent that outlived the window.
     */
    public List<String> ready() {
        boolean skippedAny = true;
        while (skippedAny) {
            skippedAny = false;
            for (Shard s : shards.values()) {
                if (s.status == Status.PENDING && parentOutlivedWindow(s)) {
                    s.status = Status.FINISHED;
                    s.outcome = ShardOutcome.SKIPPED;
                    skippedAny = true;
                }
            }
        }
        List<String> ready = new ArrayList<>();
        for (Shard s : shards.values()) {
            if (s.status == Status.PENDING && parentsFinished(s)) {
                ready.add(s.id);
            }
        }
        return ready;
    }

    private boolean parentOutlivedWindow(Shard s) {
        for (String p : s.parents) {
            Shard parent = shards.get(p);
            if (parent != null && parent.status == Status.FINISHED && !parent.outcome.childrenMayHoldTheWindow()) {
                return true;
            }
        }
        return false;
    }

    private boolean parentsFinished(Shard s) {
        for (String p : s.parents) {
            Shard parent = shards.get(p);
            if (parent != null && parent.status != Status.FINISHED) {
                return false;
            }
        }
        return true;
    }

    /**
     * Drops finished shards the last listing no longer had (expired with the stream's retention): their children
     * count unknown parents as finished, and the checkpoint stays as small as the stream.
     */
    public void forgetExpired(Set<String> listed) {
        shards.values().removeIf(s -> s.status == Status.FINISHED && !listed.contains(s.id));
    }

    public void assigned(String shardId) {
        shard(shardId).status = Status.ASSIGNED;
    }

    /** Idempotent: a reader restored from a checkpoint reports the shards it finished before again. */
    public void finished(String shardId, ShardOutcome outcome) {
        Shard s = shards.computeIfAbsent(shardId, id -> new Shard(id, List.of()));
        s.status = Status.FINISHED;
        s.outcome = outcome;
    }

    /** A shard handed back by a failed reader (assigned after the last checkpoint): to be read again. */
    public void returned(String shardId) {
        Shard s = shard(shardId);
        s.status = Status.PENDING;
        s.outcome = null;
    }

    public boolean isFinished(String shardId) {
        Shard s = shards.get(shardId);
        return s != null && s.status == Status.FINISHED;
    }

    public List<String> parents(String shardId) {
        return shard(shardId).parents;
    }

    public boolean hasChildren(String shardId) {
        for (Shard s : shards.values()) {
            if (s.parents.contains(shardId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every known shard is finished (true for none). */
    public boolean allFinished() {
        for (Shard s : shards.values()) {
            if (s.status != Status.FINISHED) {
                return false;
            }
        }
        return true;
    }

    public List<ShardEntry> entries() {
        List<ShardEntry> list = new ArrayList<>(shards.size());
        for (Shard s : shards.values()) {
            list.add(new ShardEntry(s.id, s.parents, s.status, s.outcome));
        }
        return list;
    }

    private Shard shard(String shardId) {
        Shard s = shards.get(shardId);
        if (s == null) {
            throw new IllegalStateException("unknown shard " + shardId);
        }
        return s;
    }
}
