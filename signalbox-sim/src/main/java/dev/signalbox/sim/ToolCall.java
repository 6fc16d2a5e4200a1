package dev.signalbox.sim;

/**
 * One synthesised function call of an answer, whose arguments are the answer's tokens
 * {@code from} (inclusive) to {@code to} (exclusive).
 */
record ToolCall(String id, String name, int from, int to) {}
