package io.fleetstream.jobs.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Local folders the commands make for themselves. */
final class Folders {
    private Folders() {}

    /** Deletes a folder and everything in it; nothing if it does not exist. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) {
            all = s.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path f : all) {
            Files.delete(f);
        }
    }

    /** Bytes of the files below a folder, as they are now (files removed while it walks are skipped). */
    static long size(Path p) throws IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                try {
                    total += Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (IOException gone) {
                    // a checkpoint subsumed while we walk: its files are no longer part of the state
                }
            }
        }
        return total;
    }
}
