/**
 * Bounded readers for replaying history through the live job's logic: a Kinesis time window, a Kafka time window
 * and the lake's readings table, and the replay report. Built by the replay work (see README, Replay).
 */
package io.fleetstream.replay;
