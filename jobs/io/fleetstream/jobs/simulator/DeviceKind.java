package io.fleetstream.jobs.simulator;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The device kinds of the simulated fleet; the metric order here is the order of the JSON {@code data} object. */
public enum DeviceKind {
    /** Refrigerated trailer carrying chilled goods (setpoint 2–5 °C). */
    REEFER("reefer", "reefers",
            new Metric[] {
                new Metric("temp_c", false, 1.0, 6.0, 12.0, true),
                new Metric("setpoint_c", false, 2.0, 5.0, 0, false),
                new Metric("door_open", true, 0, 0, 0, false),
                new Metric("fuel_pct", false, 10.0, 100.0, 0, true)},
            FaultType.COMPRESSOR_FAILURE, FaultType.DOOR_LEFT_OPEN, FaultType.DEVICE_SILENT,
            FaultType.STUCK_SENSOR, FaultType.SPIKE),
    /** Rooftop air handler in cooling mode; load follows the time of day. */
    HVAC("hvac", "hvac",
            new Metric[] {
                new Metric("supply_temp_c", false, 11.0, 15.0, 15.0, true),
                new Metric("return_temp_c", false, 19.0, 26.0, 15.0, true),
                new Metric("fan_rpm", false, 800.0, 1600.0, 2000.0, true),
                new Metric("power_kw", false, 2.0, 15.0, 25.0, true)},
            FaultType.DEVICE_SILENT, FaultType.STUCK_SENSOR, FaultType.SPIKE),
    /** Centrifugal water pump. */
    PUMP("pump", "pumps",
            new Metric[] {
                new Metric("pressure_bar", false, 4.5, 6.0, 6.0, true),
                new Metric("flow_lpm", false, 180.0, 300.0, 300.0, true),
                new Metric("vibration_mm_s", false, 1.0, 3.0, 15.0, true),
                new Metric("temperature_c", false, 35.0, 50.0, 30.0, true)},
            FaultType.BEARING_WEAR, FaultType.DEVICE_SILENT, FaultType.STUCK_SENSOR, FaultType.SPIKE);

    private final String idPrefix;
    private final String groupPrefix;
    private final List<Metric> metrics;
    private final List<FaultType> faultTypes;
    final Metric[] metricArray;
    final byte[] idPrefixBytes;
    final String[] groups;
    final byte[][] groupBytes;

    DeviceKind(String idPrefix, String groupPrefix, Metric[] metrics, FaultType... faultTypes) {
        this.idPrefix = idPrefix;
        this.groupPrefix = groupPrefix;
        this.metricArray = metrics;
        this.metrics = Collections.unmodifiableList(Arrays.asList(metrics));
        this.faultTypes = Collections.unmodifiableList(Arrays.asList(faultTypes));
        this.idPrefixBytes = AsciiBuffer.ascii(idPrefix + "-");
        this.groups = new String[DeviceProfile.REGIONS.length];
        this.groupBytes = new byte[DeviceProfile.REGIONS.length][];
        for (int r = 0; r < DeviceProfile.REGIONS.length; r++) {
            groups[r] = groupPrefix + "-" + DeviceProfile.REGIONS[r];
            groupBytes[r] = AsciiBuffer.ascii(groups[r]);
        }
    }

    /** Start of every device id of this kind, e.g. {@code reefer} in {@code reefer-0042}. */
    public String idPrefix() {
        return idPrefix;
    }

    /** Start of every device group of this kind, e.g. {@code reefers} in {@code reefers-west}. */
    public String groupPrefix() {
        return groupPrefix;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public Metric metric(String name) {
        return metricArray[metricIndex(name)];
    }

    /** The faults a device of this kind can get. */
    public List<FaultType> faultTypes() {
        return faultTypes;
    }

    int metricIndex(String name) {
        for (int i = 0; i < metricArray.length; i++) {
            if (metricArray[i].name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " is not a metric of " + this + "; metrics: " + metrics);
    }
}
