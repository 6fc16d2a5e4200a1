/** Simulated OpenAI-compatible model servers with a latency model and fault injection. */
package dev.signalbox.sim;
