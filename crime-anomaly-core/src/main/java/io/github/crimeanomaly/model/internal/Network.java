package io.github.crimeanomaly.model.internal;

import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A DL4J network with one recurrent input and one recurrent output, either a layer stack
 * ({@link MultiLayerNetwork}, every architecture without a skip connection) or a graph
 * ({@link ComputationGraph}, the hybrid with a skip connection around its LSTM). Gives the model
 * and its trainer one API for both. Internal; not thread-safe (callers serialise on it).
 */
public final class Network implements AutoCloseable {

    private final MultiLayerNetwork stack;
    private final ComputationGraph graph;

    private Network(MultiLayerNetwork stack, ComputationGraph graph) {
        this.stack = stack;
        this.graph = graph;
    }

    /** Wraps a layer stack. */
    public static Network of(MultiLayerNetwork net) {
        return new Network(Objects.requireNonNull(net, "net"), null);
    }

    /** Wraps a graph with one input and one output. */
    public static Network of(ComputationGraph net) {
        return new Network(null, Objects.requireNonNull(net, "net"));
    }

    /** The layer stack, or null if this is a graph. */
    public MultiLayerNetwork stack() {
        return stack;
    }

    /** The graph, or null if this is a layer stack. */
    public ComputationGraph graph() {
        return graph;
    }

    /** The output {@code [mb, outputs, time]} for input {@code [mb, C*H*W, time]}, detached. */
    public INDArray output(INDArray input, boolean train) {
        if (stack != null) {
            return stack.output(input, train);
        }
        // DL4J M2.1's graph reshapes the per-frame features back to sequences with the batch size
        // of its stored labels or input (the last training batch's), which output() does not
        // update: forget them, store this input, and let it go afterwards.
        graph.clear();
        graph.setInputs(input);
        try {
            return graph.outputSingle(train, input);
        } finally {
            graph.clear();
        }
    }

    /** One optimisation step on a batch (features, labels, labels mask). */
    public void fit(DataSet ds) {
        if (stack != null) {
            stack.fit(ds);
        } else {
            graph.fit(ds);
        }
    }

    /** The loss of the last batch fitted. */
    public double score() {
        return stack != null ? stack.score() : graph.score();
    }

    /** Sets the learning rate of every layer. */
    public void setLearningRate(double lr) {
        if (stack != null) {
            stack.setLearningRate(lr);
        } else {
            graph.setLearningRate(lr);
        }
    }

    /** The parameters as one row vector (a view). */
    public INDArray params() {
        return stack != null ? stack.params() : graph.params();
    }

    /** Replaces every parameter (copies {@code p}). */
    public void setParams(INDArray p) {
        if (stack != null) {
            stack.setParams(p);
        } else {
            graph.setParams(p);
        }
    }

    /** Number of parameters. */
    public long numParams() {
        return stack != null ? stack.numParams() : graph.numParams();
    }

    /** Feeds one time step {@code [mb, C*H*W, 1]}, keeping the recurrent state; returns its output. */
    public INDArray rnnTimeStep(INDArray input) {
        if (stack != null) {
            return stack.rnnTimeStep(input);
        }
        graph.clear(); // as in output(): the batch size of the reshape
        graph.setInputs(input);
        try {
            return graph.rnnTimeStep(input)[0];
        } finally {
            graph.clear();
        }
    }

    /** Forgets the recurrent state. */
    public void rnnClearPreviousState() {
        if (stack != null) {
            stack.rnnClearPreviousState();
        } else {
            graph.rnnClearPreviousState();
        }
    }

    /** An independent copy (weights and configuration). */
    public Network copy() {
        return stack != null ? of(stack.clone()) : of(graph.clone());
    }

    /**
     * Releases the native memory of an inference-only network's parameters (and gradients, if
     * any were allocated) without what DL4J's {@code close()} also does: destroy every workspace
     * of the calling thread, which the thread's other networks then allocate again, and force a
     * full garbage collection ({@code System.gc()}). A {@link NetworkFactory#split} is closed
     * this way: {@code MotionPredictionDetector.score} and {@code ClassifierDetector.score} open
     * and close one per video (the normal-only scorer likewise closes its halves), and the full
     * collections that DL4J's close forces, one per network, took about 0.17 s of each call (on a
     * 180-frame Ped2 clip, more than a third of the call). Do not use the network afterwards.
     */
    public void release() {
        INDArray params = stack != null ? stack.params() : graph.params();
        INDArray grads = stack != null ? stack.getGradientsViewArray() : graph.getGradientsViewArray();
        free(params);
        free(grads);
    }

    /** Frees {@code net}'s parameters as {@link #release()} does. */
    public static void release(MultiLayerNetwork net) {
        free(net.params());
        free(net.getGradientsViewArray());
    }

    /** Frees {@code net}'s parameters as {@link #release()} does. */
    public static void release(ComputationGraph net) {
        free(net.params());
        free(net.getGradientsViewArray());
    }

    private static void free(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    /** Releases native memory. */
    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        } else {
            graph.close();
        }
    }
}
