package io.fleetstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read canonical ISO form gives what java.time's parser gives, for every form it takes. */
class EventTimeIsoTest {

    @Test
    void theCanonicalUtcFormReadsAsJavaTimeReadsIt() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long millis = EventTime.MIN_MILLIS
                    + (long) (random.nextDouble() * (EventTime.MAX_MILLIS - EventTime.MIN_MILLIS));
            int nanos = random.nextInt(1_000_000_000);
            String iso = Instant.ofEpochSecond(Math.floorDiv(millis, 1000), nanos).toString();
            String text = withFraction(iso, random.nextInt(10), nanos);
            if (random.nextBoolean()) {
                text = text.replace('T', 't').replace('Z', 'z');
            }
            long expected = OffsetDateTime.parse(text).toInstant().toEpochMilli();
            assertThat(EventTime.parse(text, true)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void whatTheCanonicalFormDoesNotCoverStillFollowsJavaTime() {
        for (String text : new String[] {"2025-02-29T00:00:00Z", "2024-02-29T23:59:59.999Z",
                "2025-11-20T10:15:30+01:00", "2025-11-20T24:00:00Z", "2025-11-20T10:15:60Z", "2025-11-20T10:15:30.Z",
                "2025-11-20T10:15:30.1234567890Z", "2025-11-20T10:15Z", "2025-13-01T00:00:00Z", "2025-11-20 10:15:30Z"}) {
            assertThat(EventTime.parse(text, true)).as(text).isEqualTo(javaTime(text));
        }
    }

    private static long javaTime(String text) {
        try {
            long millis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
            return millis < EventTime.MIN_MILLIS || millis > EventTime.MAX_MILLIS ? EventTime.INVALID : millis;
        } catch (java.time.DateTimeException e) {
            return EventTime.INVALID;
        }
    }

    /** The instant's text with a fraction of exactly {@code digits} digits (0: none). */
    private static String withFraction(String iso, int digits, int nanos) {
        String seconds = iso.substring(0, 19);
        if (digits == 0) {
            return seconds + "Z";
        }
        return seconds + "." + String.format("%09d", nanos).substring(0, digits) + "Z";
    }
}
