package io.github.crimeanomaly.model.internal;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the layers that pool over the frames ({@link AttentionPooling}, {@link InstancePooling})
 * share: sequences {@code [batch, nIn, time]} in, no mask, no preprocessor. {@code nIn} is a
 * serialised property of both.
 *
 * <p>They are SameDiff layer configurations for what that gives: parameters declared by name and
 * shape and laid out in the network's flat parameters in that order (as saved models hold them),
 * their initialisation, and the network's updater and L2 applied to them. They do not compute
 * through SameDiff: {@link #instantiate} gives a native layer ({@link TimePoolingLayerImpl}) with
 * the forward and backward pass written out in ND4J operations. (They used to: DL4J M2.1's SameDiff
 * prints a line to standard output for every operation it differentiates, about fifteen per
 * training, into every program that trained one.)
 */
abstract class TimePoolingLayer extends SameDiffLayer {

    protected long nIn;

    /** The layer's name in messages, e.g. "attention pooling". */
    abstract String what();

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** {@code inputType} as sequences, or an exception naming the layer and what it got. */
    InputType.InputTypeRecurrent sequences(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalStateException(what() + " needs sequences [batch, features, time], got " + inputType);
        }
        return r;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent r = sequences(inputType);
        if (nIn <= 0 || override) {
            nIn = r.getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** The native layer that computes this configuration. */
    abstract TimePoolingLayerImpl<?> newLayer(NeuralNetConfiguration conf, DataType networkDataType);

    @Override
    public final org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                              Collection<TrainingListener> listeners, int layerIndex,
                                                              INDArray layerParamsView, boolean initializeParams,
                                                              DataType networkDataType) {
        TimePoolingLayerImpl<?> layer = newLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** Not used: {@link #instantiate} gives the native layer. */
    @Override
    public final SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
        throw new UnsupportedOperationException(what() + " computes natively, not through SameDiff");
    }
}
