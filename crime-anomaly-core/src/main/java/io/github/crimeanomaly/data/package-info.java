/** Label and one-hot encoders, scalers and missing-value imputers; all serialise to JSON. */
package io.github.crimeanomaly.data;
