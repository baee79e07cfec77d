package io.fleetstream.jobs.config;

/** "Did you mean" for mistyped keys: the closest known key by edit distance, when it is close. */
final class Suggestions {
    private Suggestions() {}

    static String didYouMean(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (OptionSpec<?> s : FleetOptions.all()) {
            int d = distance(key, s.key());
            if (d < bestDistance) {
                bestDistance = d;
                best = s.key();
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? "; did you mean '" + best + "'?"
                : "; see the configuration reference in README.md";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
