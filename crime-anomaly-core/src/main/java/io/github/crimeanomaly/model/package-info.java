/**
 * The hybrid CNN+LSTM model and its two baselines (CNN-only, LSTM-only) behind one API.
 *
 * <p>Entry point: {@link io.github.crimeanomaly.model.HybridModel#builder()}. Training data is a
 * {@link io.github.crimeanomaly.model.SequenceDataset} of {@link io.github.crimeanomaly.model.Sequence}s;
 * {@link io.github.crimeanomaly.model.HybridModel#trainer()} trains;
 * {@code predictSequences}/{@code predictFrames} predict in batch and
 * {@link io.github.crimeanomaly.model.StreamingPredictor} frame by frame;
 * {@link io.github.crimeanomaly.model.HybridModel#save}/{@code load} persist to one verified zip
 * file. Packages named {@code internal} are not API.
 */
package io.github.crimeanomaly.model;
