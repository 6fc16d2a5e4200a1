package dev.signalbox.eval;

import dev.signalbox.learn.Frontier;
import java.util.List;

/**
 * One policy's numbers on one slice of the test rows (a task, or all of them pooled).
 *
 * @param points operating points as (cost USD per prompt, quality in [0, 1])
 * @param aiqCmax AIQ as RouterBench's code computes it (÷ c_max), NaN without costs
 * @param aiqRange AIQ as its paper defines it (÷ (c_max − c_min)), NaN without costs
 * @param apgr APGR for a two-model pool, else NaN
 * @param cpt50 CPT(50%) for a two-model pool, else NaN
 * @param cpt80 CPT(80%) for a two-model pool, else NaN
 * @param best the highest-quality point (the cheaper on a tie)
 * @param costToMatch the cheapest point's cost whose quality reaches the best single model's, or NaN
 */
public record SliceMetrics(
    List<Frontier.Point> points, double aiqCmax, double aiqRange, double apgr, double cpt50, double cpt80,
    Frontier.Point best, double costToMatch) {}
