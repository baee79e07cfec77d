package io.fleetstream.model;

import java.util.Objects;

/** A rejected record, kept with its reason, its (possibly truncated) raw payload and where it came from. */
public class DeadLetter {
    /** A {@link ReasonCode} name. */
    public String reason;
    public String detail;
    public String raw;
    public String source;
    public long ingestTime;
    /** The device group when the record got far enough to name one, otherwise {@link #UNKNOWN_GROUP}. */
    public String deviceGroup;
    /** The device id when the record got far enough to name a valid one, else null (a malformed record has none). */
    public String deviceId;

    public static final String UNKNOWN_GROUP = "unknown";

    public DeadLetter() {}

    public DeadLetter(ReasonCode reason, String detail, String raw, String source, long ingestTime, String group) {
        this(reason, detail, raw, source, ingestTime, group, null);
    }

    public DeadLetter(ReasonCode reason, String detail, String raw, String source, long ingestTime, String group,
            String deviceId) {
        this.reason = reason.name();
        this.detail = detail;
        this.raw = raw;
        this.source = source;
        this.ingestTime = ingestTime;
        this.deviceGroup = group == null ? UNKNOWN_GROUP : group;
        this.deviceId = deviceId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return ingestTime == d.ingestTime && Objects.equals(reason, d.reason) && Objects.equals(detail, d.detail)
                && Objects.equals(raw, d.raw) && Objects.equals(source, d.source)
                && Objects.equals(deviceGroup, d.deviceGroup) && Objects.equals(deviceId, d.deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, source, ingestTime);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + ": " + detail + " @" + source + "}";
    }
}
