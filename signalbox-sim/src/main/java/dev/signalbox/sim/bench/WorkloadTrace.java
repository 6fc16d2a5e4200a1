package dev.signalbox.sim.bench;

import java.util.List;

/**
 * A workload's requests for one run.
 *
 * @param requests those with a set arrival first, in arrival order, then later turns of sessions
 * @param measureFromMs requests arriving before this only warm the caches (and, for sessions, let
 *     the sessions in progress reach their steady number); they are not measured
 * @param measureToMs requests arriving after this (turns of sessions that began before it) are
 *     answered but not measured, as no new sessions start then
 */
public record WorkloadTrace(List<TraceRequest> requests, double measureFromMs, double measureToMs) {}
