package io.fleetstream.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a job's checkpoint folder shows from outside the job: for tests that inject faults between checkpoints. */
public final class Checkpoints {
    private Checkpoints() {}

    /**
     * The number of the newest completed checkpoint ({@code <job>/chk-N/_metadata}) of any job under the folder, 0
     * when there is none. Counted by number: Flink keeps only the newest checkpoints.
     */
    public static int newest(Path checkpointDir) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(checkpointDir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(p -> p.getParent().getFileName().toString())
                    .filter(name -> name.startsWith("chk-"))
                    .mapToInt(name -> Integer.parseInt(name.substring(4)))
                    .max().orElse(0);
        }
    }

    /**
     * Waits until a checkpoint newer than {@code than} completed (at most 2 min) and returns its number: a fault
     * injected after it has something to restore from that is newer than the previous fault.
     */
    public static int awaitNewer(Path checkpointDir, int than) throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + 120_000;
        int newest;
        while ((newest = newest(checkpointDir)) <= than) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("no checkpoint after " + than + " within 2 min in " + checkpointDir);
            }
            Thread.sleep(20);
        }
        return newest;
    }
}
