package dev.signalbox.sim.bench;

import dev.signalbox.core.request.PrefixBlocks;

/**
 * One request of a workload: the first of a session, arriving at a set time, or a later turn,
 * sent a pause after the turn before it is answered.
 *
 * @param arrivalMs when it arrives, from the start of the run; NaN for a later turn
 * @param prompt its prompt tokens, as hashed blocks
 * @param outputTokens the answer's length
 * @param sequence the prompt followed by the answer's tokens (what the next turn starts with)
 * @param next the index of the session's next turn, or -1
 * @param nextPauseMs how long after this answer the next turn is sent
 */
public record TraceRequest(double arrivalMs, PrefixBlocks prompt, int outputTokens, PrefixBlocks sequence,
    int next, double nextPauseMs) {

  /** A request that no other follows. */
  static TraceRequest single(double arrivalMs, PrefixBlocks prompt, int outputTokens, PrefixBlocks sequence) {
    return new TraceRequest(arrivalMs, prompt, outputTokens, sequence, -1, 0);
  }
}
