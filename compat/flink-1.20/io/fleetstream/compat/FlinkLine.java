package io.fleetstream.compat;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;

/**
 * What differs between the Flink lines fleetstream builds for, this copy for Flink 1.20 (the {@code flink-1.20}
 * Maven profile compiles {@code compat/flink-1.20}, the default profile {@code compat/flink-2.2}). Both copies have
 * the same members; code elsewhere never asks which line it runs on to decide what to do.
 */
public final class FlinkLine {
    private FlinkLine() {}

    /** The Flink line this jar was built for, as the bench and the start-up line print it. */
    public static final String VERSION = "1.20";

    /**
     * Lets an operator chain to the one before it. 1.20's operators start as chain heads (a 2.x operator factory
     * chains by default), and a device-keyed operator should chain like the process function it replaces.
     */
    public static void chainAlways(AbstractStreamOperator<?> operator) {
        operator.setChainingStrategy(ChainingStrategy.ALWAYS);
    }
}
