package io.fleetstream.operators.state;

import io.fleetstream.model.DeviceState;

/** A device's state plus what {@link CurrentStateFunction} needs to emit and expire it. */
public class TrackedState {
    public DeviceState state;
    /** Changed since the last emitted snapshot. */
    public boolean dirty;
    /** Event time of the pending expiry check. */
    public long expiryTimer;

    public TrackedState() {}
}
