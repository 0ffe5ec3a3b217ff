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
 * Other ND4J users in the same JVM share these settings: a library user who trains two models
 * concurrently in one JVM gets correct but not bit-reproducible results, since both draw from
 * ND4J's single random generator. Workspaces are configured per network, not globally.
 */
public final class Nd4jRuntime {

    private static volatile boolean initialised;

    private Nd4jRuntime() {
    }

    /** Sets the default data type to float32 (idempotent). */
    public static void ensureInitialised() {
        if (!initialised) {
            synchronized (Nd4jRuntime.class) {
                if (!initialised) {
                    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                    initialised = true;
                }
            }
        }
    }

    /** Re-seeds ND4J's global random generator (used by weight init and dropout). */
    public static void seed(long seed) {
        ensureInitialised();
        Nd4j.getRandom().setSeed(seed);
    }
}
