/**
 * crime-anomaly: crime and anomaly detection in surveillance video with a hybrid CNN+LSTM.
 *
 * <p>Packages: {@code data} (encoders, scalers, imputers), {@code split} (train/validation/test
 * splitters), {@code metrics} (classification and regression metrics), {@code frame} (frames
 * and frame sources), {@code model} (the hybrid model and its baselines), {@code detect} (the
 * {@code VideoAnomalyDetector} and its reports). Packages named {@code internal} are not API.
 */
package io.github.crimeanomaly;
