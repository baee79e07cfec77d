package io.fleetstream.operators.parse;

/**
 * Checks that bytes are UTF-8 as RFC 3629 defines it, which RFC 8259 requires of JSON exchanged between systems.
 * Jackson decodes some invalid forms without complaint (an overlong {@code C0 AF} becomes '/', CESU-8's encoded
 * surrogates become surrogates) and does not look inside strings it skips, so a record is checked whole before it
 * is read: an overlong slash in a device id would otherwise reach a path as a slash.
 */
final class StrictUtf8 {
    private StrictUtf8() {}

    /** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1 if there is none. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int len;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                // a continuation byte without a lead, C0/C1 (always overlong), or F5-FF (beyond U+10FFFF)
                return i;
            }
            if (i + len > n) {
                return i;
            }
            int cp = c & (0xFF >> (len + 1));
            for (int k = 1; k < len; k++) {
                int cont = b[i + k] & 0xFF;
                if ((cont & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cont & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += len;
        }
        return -1;
    }
}
