/** Plots for the examples (XChart), e.g. {@link io.github.crimeanomaly.examples.plot.ScoreCurvePlot}. */
package io.github.crimeanomaly.examples.plot;
