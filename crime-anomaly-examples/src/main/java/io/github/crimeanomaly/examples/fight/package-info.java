/**
 * Fight detection on real surveillance video (the Surveillance Camera Fight dataset): loading
 * labelled clips, the recommended classifier recipe for the hybrid CNN+LSTM and its two
 * baselines, evaluation, and the papers' comparison table. Used by the {@code train-classifier},
 * {@code evaluate-classifier} and {@code compare} commands.
 */
package io.github.crimeanomaly.examples.fight;
