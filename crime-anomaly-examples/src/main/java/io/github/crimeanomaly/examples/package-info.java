/** Runnable examples: each is a {@code main} plus a method that returns its result, smoke-tested. */
package io.github.crimeanomaly.examples;
