package io.fleetstream.model;

/**
 * What a device id, device group or metric name may be: 1 to 256 characters of well-formed Unicode without control
 * characters. Every output keeps such a name exactly (the lake's Parquet strings and Hive paths, line protocol tags,
 * DynamoDB keys and attribute names, JSON on Kafka and Kinesis); a name outside this rule could not be: an unpaired
 * surrogate has no UTF-8 form (Parquet would write '?'), and no escape lets line protocol carry a line break.
 */
public final class Identifiers {
    public static final int MAX_LENGTH = 256;

    private Identifiers() {}

    /**
     * Null when {@code group} is a valid device group, else why not: a valid identifier whose lake partition folder
     * ({@code device_group=<escaped>}) fits a folder name, which most file systems limit to 255 bytes.
     */
    public static String groupProblem(String group) {
        String problem = problem(group);
        if (problem != null) {
            return problem;
        }
        int bytes = HivePathValues.groupFolderBytes(group);
        return bytes <= HivePathValues.MAX_FOLDER_NAME_BYTES ? null : "must fit a lake partition folder name of "
                + HivePathValues.MAX_FOLDER_NAME_BYTES + " bytes (device_group= and the group, escaped, in UTF-8), got "
                + bytes;
    }

    /** Null when {@code name} is a valid identifier, else why not, for a dead letter's detail. */
    public static String problem(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters, got " + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters, got " + codePoint(c) + " at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be well-formed Unicode, got the unpaired surrogate " + codePoint(c) + " at index " + i;
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
