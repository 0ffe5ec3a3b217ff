/** JMH benchmarks of the metrics (ROC AUC, average precision); nothing depends on this module. */
package io.github.crimeanomaly.bench.metrics;
