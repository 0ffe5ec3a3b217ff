package io.github.crimeanomaly.model;

/** The optimiser used for training. */
public enum Updater {
    /** Adam (Kingma and Ba), the default. */
    ADAM,
    /** Plain stochastic gradient descent. */
    SGD,
    /** SGD with Nesterov momentum 0.9. */
    NESTEROVS,
    /** RMSProp. */
    RMSPROP
}
