package io.github.crimeanomaly.model.internal;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Attention pooling over time, one learned query: input {@code [batch, n, time]}, output the same
 * shape, every frame holding {@code sum_t a_t x_t} where {@code a = softmax_t(q . x_t / sqrt(n))}.
 * Sequences have no mask (every frame counts). Internal; serialised by DL4J by class name, so its
 * name and package are part of the saved-model format.
 *
 * <p>The configuration; {@link AttentionPoolingLayer} computes it (see {@link TimePoolingLayer}).
 * DL4J M2.1's own {@code LearnedSelfAttentionLayer} fails on CPU ({@code scatter_update}
 * execution fails in its forward pass), hence this one, which needs only broadcast arithmetic, a
 * sum and a softmax.
 */
public final class AttentionPooling extends TimePoolingLayer {

    static final String QUERY = "q";

    /** For Jackson. */
    @SuppressWarnings("unused")
    private AttentionPooling() {
    }

    AttentionPooling(long nIn) {
        this.nIn = nIn;
        this.weightInit = WeightInit.XAVIER;
    }

    @Override
    String what() {
        return "attention pooling";
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent r = sequences(inputType);
        return InputType.recurrent(nIn, r.getTimeSeriesLength());
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(QUERY, 1, nIn, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray q = params.get(QUERY);
            WeightInitUtil.initWeights(nIn, 1, q.shape(), weightInit, null, 'c', q);
        }
    }

    @Override
    TimePoolingLayerImpl<?> newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new AttentionPoolingLayer(conf, networkDataType);
    }
}
