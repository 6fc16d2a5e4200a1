/**
 * Tool routing for agents after the Self-Healing Router (N. Bholani, arXiv 2603.01548): a goal is
 * routed through a cost-weighted {@link dev.signalbox.agents.ToolGraph} (a pipeline, a
 * dependency DAG, or a {@link dev.signalbox.agents.FanOut} of branches); failed tools are
 * routed around without an LLM call, and the LLM is consulted only when no route is left.
 *
 * <pre>{@code
 * ToolGraph research = ToolGraph.builder("research")
 *     .stage(new Tool("search.web", 400, 0.001, 0.05), new Tool("search.news", 600, 0.002, 0.05))
 *     .stage(new Tool("fetch.http", 300, 0, 0.1))
 *     .reducedGoal("excerpts", "fetch.http")
 *     .stage(new Tool("summarize.small", 800, 0.0005, 0.05))
 *     .build();
 * ToolRouter router = ToolRouter.builder(myTools, myLlm::decideAtImpasse).monitor(myHealthChecks).build();
 * RunRecord run = router.run(research, "what changed in the EU AI Act?");
 * run.outcome(); run.reroutes(); run.llmCalls(); run.describe();
 * }</pre>
 *
 * <p>{@link dev.signalbox.agents.EveryStepBaseline} is the ReAct-style comparator, and
 * {@code scenarios} holds the fault scenarios that compare the two.
 */
package dev.signalbox.agents;
