package io.github.crimeanomaly.detect.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where the detectors touch ND4J's process-wide settings: float32 as the default
 * data type (the networks are float32 throughout). Idempotent.
 */
public final class Nd4jSettings {

    private static volatile boolean done;

    private Nd4jSettings() {
    }

    /** Applies the settings once per process. */
    public static void apply() {
        if (!done) {
            synchronized (Nd4jSettings.class) {
                if (!done) {
                    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                    done = true;
                }
            }
        }
    }
}
