package io.fleetstream.operators.alarm.fleet;

import java.util.Arrays;

/** Sorted arrays of device ids, optionally with a parallel array of times: a set (or map) Flink serializes as is. */
final class SortedIds {
    private SortedIds() {}

    static boolean contains(String[] ids, String id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    static String[] add(String[] ids, String id) {
        int at = Arrays.binarySearch(ids, id);
        if (at >= 0) {
            return ids;
        }
        int insert = -at - 1;
        String[] out = new String[ids.length + 1];
        System.arraycopy(ids, 0, out, 0, insert);
        out[insert] = id;
        System.arraycopy(ids, insert, out, insert + 1, ids.length - insert);
        return out;
    }

    static String[] remove(String[] ids, String id) {
        int at = Arrays.binarySearch(ids, id);
        if (at < 0) {
            return ids;
        }
        String[] out = new String[ids.length - 1];
        System.arraycopy(ids, 0, out, 0, at);
        System.arraycopy(ids, at + 1, out, at, ids.length - at - 1);
        return out;
    }

    /** Sets the time of {@code id} in {@code g}'s seen devices (adding it), keeping the newer of old and new. */
    static void see(GroupFleet g, String id, long minute) {
        int at = Arrays.binarySearch(g.seenDevices, id);
        if (at >= 0) {
            g.seenMinutes[at] = Math.max(g.seenMinutes[at], minute);
            return;
        }
        int insert = -at - 1;
        g.seenDevices = add(g.seenDevices, id);
        long[] times = new long[g.seenMinutes.length + 1];
        System.arraycopy(g.seenMinutes, 0, times, 0, insert);
        times[insert] = minute;
        System.arraycopy(g.seenMinutes, insert, times, insert + 1, g.seenMinutes.length - insert);
        g.seenMinutes = times;
    }

    /** Drops the seen devices whose minute is at or before {@code oldest}. */
    static void forgetSeenUpTo(GroupFleet g, long oldest) {
        int kept = 0;
        for (long m : g.seenMinutes) {
            if (m > oldest) {
                kept++;
            }
        }
        if (kept == g.seenMinutes.length) {
            return;
        }
        String[] ids = new String[kept];
        long[] times = new long[kept];
        int k = 0;
        for (int i = 0; i < g.seenMinutes.length; i++) {
            if (g.seenMinutes[i] > oldest) {
                ids[k] = g.seenDevices[i];
                times[k++] = g.seenMinutes[i];
            }
        }
        g.seenDevices = ids;
        g.seenMinutes = times;
    }
}
