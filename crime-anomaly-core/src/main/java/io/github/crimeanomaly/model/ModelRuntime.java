package io.github.crimeanomaly.model;

import io.github.crimeanomaly.model.internal.Nd4jRuntime;

/**
 * Process-wide compute settings of the deep-learning backend (ND4J), shared by every model in
 * the JVM.
 *
 * <p><b>Threads.</b> ND4J uses one native thread per core by default. On a machine whose cores
 * are shared with other busy processes (CI runners, several JVMs), its threads wait on each
 * other and a single thread is often several times faster, above all for streaming prediction,
 * whose operations are small: on a 2-core machine shared with three other builds, streaming went
 * from about 8 to about 70-140 frames/s with one thread. Set it before building models, with
 * {@link #setThreads(int)} or {@code -Dcrimeanomaly.threads=1}.
 */
public final class ModelRuntime {

    private ModelRuntime() {
    }

    /**
     * Sets the number of native threads the backend uses (process-wide).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        Nd4jRuntime.ensureInitialised();
        Nd4jRuntime.setThreads(n);
    }
}
