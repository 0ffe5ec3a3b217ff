/**
 * Supervised clip classification (e.g. fight / no fight): how raw video frames become model
 * input ({@link io.github.crimeanomaly.classify.ClipInput}, stored in the model's metadata so a
 * saved model preprocesses any clip the way it was trained) and training-time augmentation
 * ({@link io.github.crimeanomaly.classify.ClipAugmentation}). The detector that wraps a trained
 * classifier for streaming video is {@link io.github.crimeanomaly.detect.ClassifierDetector}.
 */
package io.github.crimeanomaly.classify;
