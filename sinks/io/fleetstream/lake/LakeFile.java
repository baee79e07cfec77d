package io.fleetstream.lake;

import java.util.Objects;

/** A committed Parquet file of a lake table, with the device group its partition path names (unescaped). */
public final class LakeFile {
    private final String path;
    private final String deviceGroup;

    public LakeFile(String path, String deviceGroup) {
        this.path = path;
        this.deviceGroup = deviceGroup;
    }

    /** The file as Flink's file systems take it ({@code file:/...}, {@code s3://...}), unescaped. */
    public String path() {
        return path;
    }

    /** Null when the partition is Hive's default one (no group). */
    public String deviceGroup() {
        return deviceGroup;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LakeFile && ((LakeFile) o).path.equals(path)
                && Objects.equals(((LakeFile) o).deviceGroup, deviceGroup);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
