/**
 * Bounded replay of history through the live job's logic: readers for a Kinesis time window, a Kafka time window
 * and the lake's readings table, and the replay report. Empty so far: the replay work fills it; until then a Kafka
 * window can be re-read with the source.kafka.starting-offsets / stopping-offsets options (README).
 */
package io.fleetstream.replay;
