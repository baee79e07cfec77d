/**
 * fleetstream's random cut forest (Guha et al., ICML 2016), built so that one model per device can live in
 * Flink keyed state that is deserialized on every access.
 *
 * <p>The API is {@link io.fleetstream.anomaly.AnomalyDetector} (built by its {@code Builder}; {@code process},
 * {@code encode}, {@code decode}) and {@link io.fleetstream.anomaly.Result}. A detector is single-threaded
 * state: one per key, used by one thread at a time. Builders, encoded bytes and results can be shared.
 * Everything under {@code internal} may change without notice; the encoded form carries a version byte.
 *
 * <p>Depends on the JDK and Commons Math only (no Flink), so the {@code score} command and tests run it
 * without a cluster.
 */
package io.fleetstream.anomaly;
