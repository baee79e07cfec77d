package io.fleetstream.jobs.simulator;

/**
 * The faults the simulator injects, each shaped so one alarm rule has a clear onset. Times are minutes after the
 * fault's start; every effect is gone by the fault's end ({@link InjectedFault#end()}).
 */
public enum FaultType {
    /**
     * Reefer {@code temp_c} drifts up 0.2 °C/min until it is setpoint + 10 (50 min), holds there 10–30 min, then falls
     * back at 1 °C/min after the repair. |temp - setpoint| > 2 from about minute 10; temp_c > 8 from minute 15–30.
     */
    COMPRESSOR_FAILURE,
    /**
     * Reefer {@code door_open} is true for 20–40 min while {@code temp_c} rises 0.05 °C/min (never more than +2, so no
     * temperature rule fires), then recovers at 0.5 °C/min after the door closes.
     */
    DOOR_LEFT_OPEN,
    /** No reading at all with an event time inside the window (15–30 min). Any kind. */
    DEVICE_SILENT,
    /** One metric repeats exactly the same value for 20–60 min. Any kind. */
    STUCK_SENSOR,
    /** 3–5 single readings, spread over 10–30 min, carry {@link Metric#spikeDelta()} on one metric. Any kind. */
    SPIKE,
    /**
     * Pump {@code vibration_mm_s} climbs 3 mm/s per min to about +6 (about 8 mm/s against 1.4–2.2 normal) while
     * {@code temperature_c} rises 0.5 °C/min, both for 15–30 min; then vibration drops at 3 mm/s per min and the
     * temperature falls back at 1 °C/min.
     */
    BEARING_WEAR
}
