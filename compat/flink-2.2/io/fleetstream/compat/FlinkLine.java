package io.fleetstream.compat;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/**
 * What differs between the Flink lines fleetstream builds for, this copy for Flink 2.x (the default Maven profile
 * compiles {@code compat/flink-2.2}, {@code flink-1.20} compiles {@code compat/flink-1.20}). Both copies have the
 * same members; code elsewhere never asks which line it runs on to decide what to do.
 */
public final class FlinkLine {
    private FlinkLine() {}

    /** The Flink line this jar was built for, as the bench and the start-up line print it. */
    public static final String VERSION = "2.2";

    /** Nothing to do: 2.x operator factories chain an operator to the one before it by default. */
    public static void chainAlways(AbstractStreamOperator<?> operator) {}
}
