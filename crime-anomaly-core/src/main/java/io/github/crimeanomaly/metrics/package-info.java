/**
 * Classification, regression and ranking metrics with scikit-learn semantics: confusion matrix,
 * accuracy, precision/recall/F1 (binary, per class, macro, micro, weighted), false-positive rate,
 * MSE/MAE/RMSE, ROC curve and ROC AUC, average precision, equal error rate, and a
 * {@link io.github.crimeanomaly.metrics.ClassificationReport}.
 *
 * <p><b>Zero denominators.</b> One convention throughout, scikit-learn's {@code zero_division=0}:
 * a ratio whose denominator is zero (precision with no predicted positives, recall or support
 * with no true members, F1 when precision + recall is 0, false-positive rate with no negatives)
 * is reported as {@code 0.0}, never NaN and never an exception.
 *
 * <p><b>Bad input.</b> Empty arrays, arrays of different lengths, labels out of range, and NaN
 * (for ranking metrics also infinite) scores are {@link java.lang.IllegalArgumentException}s
 * naming the argument and the element, e.g. {@code "scores[17] is NaN, expected a finite value"}
 * or {@code "yTrue has 20 elements but scores has 19"}.
 *
 * <p>All values are checked against reference values written by scikit-learn 1.2.1 to 1e-9 by the
 * golden test, with one documented difference: the ROC curve opens at threshold +Infinity, as
 * scikit-learn does from 1.3 on (1.2 opened at the largest score + 1; the points are the same).
 */
package io.github.crimeanomaly.metrics;
