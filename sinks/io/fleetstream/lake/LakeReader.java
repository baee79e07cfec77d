package io.fleetstream.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a lake table back the way an analyst's engine does: every committed {@code *.parquet} file below the
 * table's folder (in-progress files are hidden), with the Hive partition columns taken from the path.
 */
public final class LakeReader {
    private LakeReader() {}

    public static List<Map<String, Object>> read(Path lake, String table) throws IOException {
        Path root = lake.resolve(table);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return rows;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            // a group may be named like a file ("x.parquet"): its folder is not one
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")
                            && !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p))
                    .sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            Map<String, Object> partitions = partitions(root.relativize(file.getParent()));
            try (ParquetReader<Group> reader = LakeParquet.groups(
                    new FlinkInputFile(new org.apache.flink.core.fs.Path(file.toUri()))).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    Map<String, Object> row = new LinkedHashMap<>(toMap(g));
                    row.putAll(partitions);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    public static List<Path> files(Path lake, String table) throws IOException {
        try (Stream<Path> s = Files.walk(lake.resolve(table))) {
            return s.filter(p -> p.toString().endsWith(".parquet") && Files.isRegularFile(p))
                    .collect(Collectors.toList());
        }
    }

    private static Map<String, Object> partitions(Path relative) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Path part : relative) {
            String[] kv = part.toString().split("=", 2);
            m.put(kv[0], LakePartitions.unescape(kv[1]));
        }
        return m;
    }

    private static Map<String, Object> toMap(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        GroupType type = g.getType();
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type field = type.getType(i);
            if (g.getFieldRepetitionCount(i) == 0) {
                m.put(field.getName(), null);
            } else if (field.isPrimitive()) {
                m.put(field.getName(), value(g, i, field.asPrimitiveType()));
            } else {
                m.put(field.getName(), map(g.getGroup(i, 0)));
            }
        }
        return m;
    }

    /** A Parquet MAP as a Java map. */
    private static Map<String, Object> map(Group mapGroup) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (mapGroup.getType().getFieldCount() == 0 || mapGroup.getFieldRepetitionCount(0) == 0) {
            return m;
        }
        for (int k = 0; k < mapGroup.getFieldRepetitionCount(0); k++) {
            Group kv = mapGroup.getGroup(0, k);
            m.put(kv.getString("key", 0), kv.getDouble("value", 0));
        }
        return m;
    }

    private static Object value(Group g, int i, PrimitiveType t) {
        switch (t.getPrimitiveTypeName()) {
            case INT64:
                return g.getLong(i, 0);
            case INT32:
                return g.getInteger(i, 0);
            case DOUBLE:
                return g.getDouble(i, 0);
            case BOOLEAN:
                return g.getBoolean(i, 0);
            default:
                return g.getString(i, 0);
        }
    }
}
