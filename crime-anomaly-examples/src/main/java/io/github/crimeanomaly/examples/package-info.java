/** Runnable examples and benchmarks, each a {@code main} plus a method that returns its result. */
package io.github.crimeanomaly.examples;
