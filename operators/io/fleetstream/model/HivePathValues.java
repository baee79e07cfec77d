package io.fleetstream.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A device group as the lake's partition folder {@code device_group=<value>} holds it: escaped the way Hive escapes
 * partition values, so Athena, Spark and DuckDB read the group back and no group can name another folder. Here, below
 * both the parser (which refuses a group whose folder name would be too long) and the lake that writes the folders.
 */
public final class HivePathValues {
    /** Hive's name for a partition whose value is empty. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    public static final String GROUP_KEY = "device_group=";
    /** A folder name's limit on common file systems (ext4, XFS, APFS, NTFS in UTF-16 units: fewer bytes). */
    public static final int MAX_FOLDER_NAME_BYTES = 255;

    /** The characters Hive's FileUtils.escapePathName escapes, plus every control character. */
    private static final String ESCAPED = "\"#%'*/:=?\\{[]^";

    private HivePathValues() {}

    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_PARTITION;
        }
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || ESCAPED.indexOf(c) >= 0) {
                if (b == null) {
                    b = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? value : b.toString();
    }

    /** Undoes Hive's path escaping ({@code %2F} -> {@code /}); anything that is not a valid escape stays as it is. */
    public static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length && bytes[i] == '%' ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(bytes[i + 2], 16) : -1;
            if (lo >= 0) {
                b.write(hi << 4 | lo);
                i += 2;
            } else {
                b.write(bytes[i]);
            }
        }
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Bytes of the group's folder name {@code device_group=<escaped>} in UTF-8. */
    public static int groupFolderBytes(String group) {
        return (GROUP_KEY + escape(group)).getBytes(StandardCharsets.UTF_8).length;
    }
}
