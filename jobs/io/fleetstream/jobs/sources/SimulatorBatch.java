package io.fleetstream.jobs.sources;

/** The payloads one simulated device delivers in one round: what the simulator's generator emits per index. */
public class SimulatorBatch {
    public String deviceId;
    public long round;
    /** Event time of the round: stands in for the time a broker would have stamped on arrival. */
    public long ingestTime;
    public byte[][] payloads;

    public SimulatorBatch() {}
}
