/**
 * Train / validation / test splits that report their sizes: random ({@link
 * io.github.crimeanomaly.split.Splits#random}), stratified by label, group-aware (items sharing a
 * group key, e.g. clips cut from one source video, never straddle splits), stratified-group, and
 * temporal (no future leakage). Ratios default to the papers' 70/20/10
 * ({@link io.github.crimeanomaly.split.SplitRatios#DEFAULT}); every random choice takes an
 * explicit seed, and the same seed and input give the same split.
 */
package io.github.crimeanomaly.split;
