/**
 * Internal machinery of the detectors: the cell grid, per-cell statistics, the streaming scoring
 * pipeline, the patch CNN+LSTM network and the saved-detector file format. Not API: may change in
 * any release.
 */
package io.github.crimeanomaly.detect.internal;
