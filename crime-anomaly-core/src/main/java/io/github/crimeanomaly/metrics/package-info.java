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
 * <p><b>Bad input.</b> Empty arrays, arrays of different lengths, labels out of range and NaN
 * scores are {@link java.lang.IllegalArgumentException}s naming the argument and the element,
 * e.g. {@code "scores[17] is NaN"} or {@code "yTrue has 20 elements but scores has 19"}.
 *
 * <p>All values are checked against scikit-learn 1.2 reference values to 1e-9 by the golden test.
 */
package io.github.crimeanomaly.metrics;
