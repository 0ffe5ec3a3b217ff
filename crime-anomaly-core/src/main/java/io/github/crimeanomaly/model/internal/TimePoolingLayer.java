package io.github.crimeanomaly.model.internal;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;

/**
 * What the SameDiff layers that pool over the frames ({@link AttentionPooling},
 * {@link InstancePooling}) share: sequences {@code [batch, nIn, time]} in, no mask, no
 * preprocessor. {@code nIn} is a serialised property of both.
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
}
