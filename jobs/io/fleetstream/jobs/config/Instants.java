package io.fleetstream.jobs.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The instants options accept: {@code 2025-11-20T00:00:00Z}, with an offset ({@code +01:00}), or a UTC date. */
public final class Instants {
    private Instants() {}

    /** The instant, or null when the text is none of the accepted forms. */
    public static Instant parse(String text) {
        String s = text.trim();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try a date
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
