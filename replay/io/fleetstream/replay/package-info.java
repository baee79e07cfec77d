/**
 * Bounded replay of history through the live job's logic: the lake's readings for an event-time window
 * ({@link io.fleetstream.replay.lake.LakeReplaySource}), the Kinesis time window
 * ({@code io.fleetstream.replay.kinesis}), the filter that keeps a replay's window, devices and groups
 * ({@link io.fleetstream.replay.ReplayFilter}), the progress accumulator, and the HTML report's rendering
 * ({@link io.fleetstream.replay.report.ReplayReport}). The {@code replay} command that assembles them is in jobs.
 */
package io.fleetstream.replay;
