/** JMH benchmarks. Nothing depends on this package. */
package io.github.crimeanomaly.bench;
