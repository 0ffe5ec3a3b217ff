package io.github.crimeanomaly.model.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where the library touches ND4J's process-wide state. Internal.
 *
 * <p>ND4J keeps global settings (default data type, the random generator used for weight
 * initialisation and dropout). The library sets:
 * <ul>
 *   <li>the default floating-point type to FLOAT (float32), once, on first use of a model, so
 *       that arrays created by the library and by DL4J agree;</li>
 *   <li>the global random seed at the start of every training run and network initialisation,
 *       from the model's seed, so that the same seed on the same data gives the same weights.</li>
 * </ul>
 * <ul>
 *   <li>the number of native (OpenMP) threads, only when asked: through
 *       {@link #setThreads(int)} (public as {@code ModelRuntime.setThreads}) or the system
 *       property {@value #THREADS_PROPERTY}, read once on first use. ND4J's default is one
 *       thread per core.</li>
 * </ul>
 * Other ND4J users in the same JVM share these settings: a library user who trains two models
 * concurrently in one JVM gets correct but not bit-reproducible results, since both draw from
 * ND4J's single random generator. Workspaces are configured per network, not globally.
 */
public final class Nd4jRuntime {

    /** System property: number of native threads for ND4J, e.g. {@code -Dcrimeanomaly.threads=1}. */
    public static final String THREADS_PROPERTY = "crimeanomaly.threads";

    private static volatile boolean initialised;

    private Nd4jRuntime() {
    }

    /** Sets the default data type to float32 (idempotent). */
    public static void ensureInitialised() {
        if (!initialised) {
            synchronized (Nd4jRuntime.class) {
                if (!initialised) {
                    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                    String threads = System.getProperty(THREADS_PROPERTY);
                    if (threads != null && !threads.isBlank()) {
                        int n;
                        try {
                            n = Integer.parseInt(threads.trim());
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("system property " + THREADS_PROPERTY
                                    + " must be a positive integer, got '" + threads + "'", e);
                        }
                        setThreads(n);
                    }
                    initialised = true;
                }
            }
        }
    }

    /**
     * Sets the number of native threads ND4J uses for its operations (process-wide).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
    }

    /** Re-seeds ND4J's global random generator (used by weight init and dropout). */
    public static void seed(long seed) {
        ensureInitialised();
        Nd4j.getRandom().setSeed(seed);
    }
}
