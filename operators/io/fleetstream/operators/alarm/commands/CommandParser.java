package io.fleetstream.operators.alarm.commands;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fleetstream.model.AlarmCommand;
import io.fleetstream.model.EventTime;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * Reads one alarm command, e.g.
 * {@code {"command":"SHELVE","deviceId":"reefer-0042","rule":"reefer-door-open","timestamp":"2025-11-20T10:00:00Z",
 * "shelveFor":"2h","user":"alice","note":"unloading"}}. Throws {@link InvalidCommand} with a readable reason.
 */
public final class CommandParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> COMMANDS = Set.of(AlarmCommand.ACKNOWLEDGE, AlarmCommand.SHELVE,
            AlarmCommand.RESET);

    private CommandParser() {}

    /** Why a record of the control stream is not a command. */
    public static final class InvalidCommand extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidCommand(String message) {
            super(message);
        }
    }

    public static AlarmCommand parse(byte[] payload) throws InvalidCommand {
        AlarmCommand c = new AlarmCommand();
        c.eventTime = Long.MIN_VALUE;
        String shelveFor = null;
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidCommand("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "command":
                        c.command = text(p, t, field).toUpperCase(Locale.ROOT);
                        break;
                    case "deviceId":
                        c.deviceId = text(p, t, field);
                        break;
                    case "rule":
                        c.rule = text(p, t, field);
                        break;
                    case "alarmId":
                        c.alarmId = text(p, t, field);
                        break;
                    case "timestamp":
                        c.eventTime = timestamp(p, t);
                        break;
                    case "shelveFor":
                        shelveFor = text(p, t, field);
                        break;
                    case "user":
                        c.user = text(p, t, field);
                        break;
                    case "note":
                        c.note = text(p, t, field);
                        break;
                    default:
                        // Unknown fields are allowed, so a command can carry the sender's own bookkeeping.
                        p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new InvalidCommand("malformed JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException
                    ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : e.getMessage()));
        }
        return validate(c, shelveFor);
    }

    private static AlarmCommand validate(AlarmCommand c, String shelveFor) throws InvalidCommand {
        if (c.command == null || !COMMANDS.contains(c.command)) {
            throw new InvalidCommand("'command' must be one of ACKNOWLEDGE, SHELVE, RESET"
                    + (c.command == null ? "" : ", got '" + c.command + "'"));
        }
        if (c.deviceId == null || c.deviceId.isEmpty()) {
            throw new InvalidCommand("'deviceId' is required");
        }
        if (c.eventTime == Long.MIN_VALUE) {
            throw new InvalidCommand("'timestamp' is required (epoch ms or ISO-8601)");
        }
        if (AlarmCommand.SHELVE.equals(c.command)) {
            if (shelveFor == null) {
                throw new InvalidCommand("SHELVE needs 'shelveFor', e.g. \"2h\"");
            }
            Duration d;
            try {
                d = TimeUtils.parseDuration(shelveFor);
            } catch (IllegalArgumentException e) {
                throw new InvalidCommand("'shelveFor' is not a duration: '" + shelveFor + "' (e.g. 30m, 2h)");
            }
            if (d.isZero() || d.isNegative()) {
                throw new InvalidCommand("'shelveFor' must be positive");
            }
            c.shelveForMillis = d.toMillis();
        } else if (shelveFor != null) {
            throw new InvalidCommand("'shelveFor' only goes with SHELVE");
        }
        return c;
    }

    private static String text(JsonParser p, JsonToken t, String field) throws IOException, InvalidCommand {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new InvalidCommand("'" + field + "' must be a string");
        }
        return p.getText();
    }

    /** Read by the rules of a reading's timestamp: the control stream's watermarks come from the same scanner. */
    private static long timestamp(JsonParser p, JsonToken t) throws IOException, InvalidCommand {
        boolean quoted = t == JsonToken.VALUE_STRING;
        if (!quoted && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidCommand("'timestamp' must be epoch milliseconds or an ISO-8601 string");
        }
        String text = p.getText();
        long millis = EventTime.parse(text, quoted);
        if (millis == EventTime.INVALID) {
            throw new InvalidCommand("'timestamp' " + EventTime.problem(text, quoted));
        }
        return millis;
    }
}
