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
 * "shelveFor":"2h","user":"alice","note":"unloading"}} on a device's alarms, or with {@code "deviceGroup"} and no
 * {@code deviceId} on a device group's fleet alarms. Throws {@link InvalidCommand} with a readable reason.
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

    /** A command and whose alarms it addresses. */
    public static final class Parsed {
        public final AlarmCommand command;
        /**
         * The group whose fleet alarms the command addresses (it names no device); null for a device's command. Not
         * a field of {@link AlarmCommand}: that is part of the alarm operator's state layout, which stays as it is.
         */
        public final String deviceGroup;

        Parsed(AlarmCommand command, String deviceGroup) {
            this.command = command;
            this.deviceGroup = deviceGroup;
        }
    }

    public static Parsed parse(byte[] payload) throws InvalidCommand {
        AlarmCommand c = new AlarmCommand();
        c.eventTime = Long.MIN_VALUE;
        String shelveFor = null;
        String deviceGroup = null;
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
                    case "deviceGroup":
                        deviceGroup = text(p, t, field);
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
        return validate(c, shelveFor, deviceGroup);
    }

    /**
     * A command with a device is the device's, whatever group it names too (a group was an extra field before fleet
     * alarms took commands, and such commands keep going where they went); one with a group and no device is the
     * group's fleet alarms'. An empty device, as a fleet alarm's event carries, is no device.
     */
    private static Parsed address(AlarmCommand c, String deviceGroup) throws InvalidCommand {
        if (c.deviceId != null && !c.deviceId.isEmpty()) {
            return new Parsed(c, null);
        }
        if (deviceGroup == null || deviceGroup.isEmpty()) {
            throw new InvalidCommand("'deviceId' (a device's alarms) or 'deviceGroup' without 'deviceId' (the "
                    + "group's fleet alarms) is required");
        }
        c.deviceId = null;
        return new Parsed(c, deviceGroup);
    }

    private static Parsed validate(AlarmCommand c, String shelveFor, String deviceGroup) throws InvalidCommand {
        if (c.command == null || !COMMANDS.contains(c.command)) {
            throw new InvalidCommand("'command' must be one of ACKNOWLEDGE, SHELVE, RESET"
                    + (c.command == null ? "" : ", got '" + c.command + "'"));
        }
        Parsed parsed = address(c, deviceGroup);
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
        return parsed;
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
