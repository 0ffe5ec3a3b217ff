package io.github.crimeanomaly.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.github.crimeanomaly.frame.FrameFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The complete, immutable configuration of a {@link HybridModel}: everything needed to rebuild
 * the network (the saved file stores it as JSON and rebuilds the network from it). Build one
 * with {@link HybridModel#builder()}; the compact constructor validates every field at once and
 * names each bad field and value.
 *
 * @param architecture     hybrid or one of the two baselines
 * @param height           input frame height in pixels
 * @param width            input frame width in pixels
 * @param channels         1 (gray) or 3 (RGB)
 * @param sequenceLength   frames per training sequence, &gt;= 1 (&gt;= 2 for recurrent architectures)
 * @param cnnBlocks        convolutional blocks (used by HYBRID and CNN_ONLY)
 * @param denseUnits       units of the dense projection between CNN and LSTM; 0 = none
 * @param lstmUnits        units of each LSTM layer (used by HYBRID and LSTM_ONLY)
 * @param bidirectional    whether the LSTM layers are bidirectional (no streaming then)
 * @param lstmOnlyPooling  LSTM_ONLY: average-pooling factor applied to each frame before flattening
 * @param head             classification or regression head
 * @param updater          optimiser
 * @param learningRate     base learning rate, &gt; 0
 * @param l2               L2 regularisation coefficient, &gt;= 0
 * @param sequencePooling  how per-frame outputs become the sequence output, and which frames a
 *                         per-sequence label trains (null: the architecture's default, which is
 *                         what files saved before this field had)
 * @param seed             seed for weight initialisation, dropout and shuffling
 * @param skipConnection   HYBRID only: the classifier sees the per-frame features (the dense
 *                         projection, which must then exist) concatenated with the LSTM output,
 *                         not the LSTM output alone (false in files saved before this field)
 * @param skipDropout      HYBRID with a skip connection only: the probability, in [0, 1), that
 *                         each per-frame feature on the skip path (not the LSTM's own input) is
 *                         dropped in training; 0 = none (0 in files saved before this field).
 *                         Prediction is unaffected.
 * @param twoStream        HYBRID only: the LSTM also sees each frame average-pooled by
 *                         {@code lstmOnlyPooling} and projected to {@code denseUnits} (LSTM_ONLY's
 *                         per-frame path), next to the CNN features; the skip connection still
 *                         carries the CNN features alone (false in files saved before this field)
 * @param instanceClass    with {@link SequencePooling#MULTIPLE_INSTANCE} pooling only (else null):
 *                         the class, 0 or 1, that one frame can show (the one that is not normal)
 * @param instanceSharpness with {@link SequencePooling#MULTIPLE_INSTANCE} pooling only (else 0): the
 *                         smooth maximum's sharpness r, &gt; 0
 * @param instanceRegularization with {@link SequencePooling#MULTIPLE_INSTANCE} pooling only (else
 *                         0): the weight lambda &gt;= 0 of the frames' sparsity and temporal
 *                         smoothness terms added in training
 *                         ({@link HybridModel.Builder#instanceRegularization}); 0 = none (0 in
 *                         files saved before this field)
 */
public record ModelConfig(
        @JsonProperty("architecture") Architecture architecture,
        @JsonProperty("height") int height,
        @JsonProperty("width") int width,
        @JsonProperty("channels") int channels,
        @JsonProperty("sequenceLength") int sequenceLength,
        @JsonProperty("cnnBlocks") List<CnnBlock> cnnBlocks,
        @JsonProperty("denseUnits") int denseUnits,
        @JsonProperty("lstmUnits") List<Integer> lstmUnits,
        @JsonProperty("bidirectional") boolean bidirectional,
        @JsonProperty("lstmOnlyPooling") int lstmOnlyPooling,
        @JsonProperty("head") Head head,
        @JsonProperty("updater") Updater updater,
        @JsonProperty("learningRate") double learningRate,
        @JsonProperty("l2") double l2,
        @JsonProperty("seed") long seed,
        @JsonProperty("sequencePooling") SequencePooling sequencePooling,
        // absent in files saved before this field: false, what they were trained with
        @JsonProperty("skipConnection") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean skipConnection,
        // absent in files saved before this field: 0, what they were trained with
        @JsonProperty("skipDropout") @JsonSetter(nulls = Nulls.AS_EMPTY) double skipDropout,
        // absent in files saved before this field: false, what they were trained with
        @JsonProperty("twoStream") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean twoStream,
        // absent in files saved before this field: null, no multiple-instance pooling
        @JsonProperty("instanceClass") Integer instanceClass,
        // absent in files saved before this field: 0, no multiple-instance pooling
        @JsonProperty("instanceSharpness") @JsonSetter(nulls = Nulls.AS_EMPTY) double instanceSharpness,
        // absent in files saved before this field: 0, what they were trained with
        @JsonProperty("instanceRegularization") @JsonSetter(nulls = Nulls.AS_EMPTY) double instanceRegularization) {

    /** A configuration without the frames' regularisation (what every file saved before it holds). */
    public ModelConfig(Architecture architecture, int height, int width, int channels, int sequenceLength,
                       List<CnnBlock> cnnBlocks, int denseUnits, List<Integer> lstmUnits, boolean bidirectional,
                       int lstmOnlyPooling, Head head, Updater updater, double learningRate, double l2, long seed,
                       SequencePooling sequencePooling, boolean skipConnection, double skipDropout, boolean twoStream,
                       Integer instanceClass, double instanceSharpness) {
        this(architecture, height, width, channels, sequenceLength, cnnBlocks, denseUnits, lstmUnits, bidirectional,
                lstmOnlyPooling, head, updater, learningRate, l2, seed, sequencePooling, skipConnection, skipDropout,
                twoStream, instanceClass, instanceSharpness, 0);
    }

    /** A configuration without multiple-instance pooling (what every file saved before it holds). */
    public ModelConfig(Architecture architecture, int height, int width, int channels, int sequenceLength,
                       List<CnnBlock> cnnBlocks, int denseUnits, List<Integer> lstmUnits, boolean bidirectional,
                       int lstmOnlyPooling, Head head, Updater updater, double learningRate, double l2, long seed,
                       SequencePooling sequencePooling, boolean skipConnection, double skipDropout, boolean twoStream) {
        this(architecture, height, width, channels, sequenceLength, cnnBlocks, denseUnits, lstmUnits, bidirectional,
                lstmOnlyPooling, head, updater, learningRate, l2, seed, sequencePooling, skipConnection, skipDropout,
                twoStream, null, 0);
    }

    /** A configuration without skip-path dropout (what every file saved before that field holds). */
    public ModelConfig(Architecture architecture, int height, int width, int channels, int sequenceLength,
                       List<CnnBlock> cnnBlocks, int denseUnits, List<Integer> lstmUnits, boolean bidirectional,
                       int lstmOnlyPooling, Head head, Updater updater, double learningRate, double l2, long seed,
                       SequencePooling sequencePooling, boolean skipConnection) {
        this(architecture, height, width, channels, sequenceLength, cnnBlocks, denseUnits, lstmUnits, bidirectional,
                lstmOnlyPooling, head, updater, learningRate, l2, seed, sequencePooling, skipConnection, 0, false,
                null, 0);
    }

    /** Validates every field, reporting all problems in one {@link IllegalArgumentException}. */
    public ModelConfig {
        cnnBlocks = cnnBlocks == null ? null : List.copyOf(cnnBlocks);
        lstmUnits = lstmUnits == null ? null : List.copyOf(lstmUnits);
        if (sequencePooling == null && architecture != null) {
            // files saved before this field existed: the behaviour they were trained with
            sequencePooling = SequencePooling.defaultFor(architecture);
        }
        List<String> err = new ArrayList<>();
        if (architecture == null) {
            err.add("architecture must be set, got null");
        }
        if (height < 1) {
            err.add("height must be >= 1, got " + height);
        }
        if (width < 1) {
            err.add("width must be >= 1, got " + width);
        }
        if (channels != 1 && channels != 3) {
            err.add("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        int minLen = architecture != null && architecture.isRecurrent() ? 2 : 1;
        if (sequenceLength < minLen) {
            err.add("sequenceLength must be >= " + minLen + " for " + architecture + ", got " + sequenceLength);
        }
        if (cnnBlocks == null) {
            err.add("cnnBlocks must not be null");
        } else if (architecture != null && architecture.usesCnn()) {
            if (cnnBlocks.isEmpty()) {
                err.add("cnnBlocks must not be empty for " + architecture + ", got []");
            } else if (height >= 1 && width >= 1) {
                int h = height;
                int w = width;
                for (int i = 0; i < cnnBlocks.size(); i++) {
                    h = cnnBlocks.get(i).outputSize(h);
                    w = cnnBlocks.get(i).outputSize(w);
                    if (h < 1 || w < 1) {
                        err.add("cnnBlocks shrink a frame of width " + width + ", height " + height + " to nothing at block "
                                + i + " (" + cnnBlocks.get(i) + "): use fewer blocks, smaller strides or pooling");
                        break;
                    }
                }
            }
        }
        if (denseUnits < 0) {
            err.add("denseUnits must be >= 0 (0 = no projection), got " + denseUnits);
        }
        if (lstmUnits == null) {
            err.add("lstmUnits must not be null");
        } else {
            if (architecture != null && architecture.isRecurrent() && lstmUnits.isEmpty()) {
                err.add("lstmUnits must hold at least one layer for " + architecture + ", got []");
            }
            for (int i = 0; i < lstmUnits.size(); i++) {
                Integer u = lstmUnits.get(i);
                if (u == null || u < 1) {
                    err.add("lstmUnits[" + i + "] must be >= 1, got " + u);
                }
            }
        }
        if (lstmOnlyPooling < 1) {
            err.add("lstmOnlyPooling must be >= 1, got " + lstmOnlyPooling);
        } else if (architecture == Architecture.LSTM_ONLY
                && (height / lstmOnlyPooling < 1 || width / lstmOnlyPooling < 1)) {
            err.add("lstmOnlyPooling " + lstmOnlyPooling + " is larger than the frame (width " + width + ", height " + height + ")");
        }
        if (architecture == Architecture.CNN_ONLY && bidirectional) {
            err.add("bidirectional must be false for CNN_ONLY (it has no LSTM), got true");
        }
        if (architecture == Architecture.CNN_ONLY && sequencePooling != SequencePooling.MEAN) {
            err.add("sequencePooling must be MEAN for CNN_ONLY (its frames see no other frame), got " + sequencePooling);
        }
        if (sequencePooling == SequencePooling.ATTENTION && architecture != null && !architecture.isRecurrent()) {
            err.add("sequencePooling ATTENTION needs an LSTM (HYBRID or LSTM_ONLY), got " + architecture);
        }
        if (sequencePooling == SequencePooling.MULTIPLE_INSTANCE) {
            if (architecture != null && !architecture.isRecurrent()) {
                err.add("sequencePooling MULTIPLE_INSTANCE needs an LSTM (HYBRID or LSTM_ONLY), got " + architecture);
            }
            if (head != null && !(head instanceof Head.Classification c && c.outputSize() == 2)) {
                err.add("sequencePooling MULTIPLE_INSTANCE needs a classifier of 2 classes, got " + head);
            }
            if (instanceClass == null || (instanceClass != 0 && instanceClass != 1)) {
                err.add("sequencePooling MULTIPLE_INSTANCE needs instanceClass 0 or 1 (the class one frame can "
                        + "show: the one that is not normal), got " + instanceClass);
            }
            if (!(instanceSharpness > 0) || Double.isInfinite(instanceSharpness)) {
                err.add("instanceSharpness must be > 0 and finite with MULTIPLE_INSTANCE pooling, got "
                        + instanceSharpness);
            }
            if (!(instanceRegularization >= 0) || Double.isInfinite(instanceRegularization)) {
                err.add("instanceRegularization must be >= 0 and finite, got " + instanceRegularization);
            }
        } else if (instanceClass != null || instanceSharpness != 0 || instanceRegularization != 0) {
            err.add("instanceClass, instanceSharpness and instanceRegularization are for MULTIPLE_INSTANCE pooling "
                    + "only, got instanceClass " + instanceClass + ", instanceSharpness " + instanceSharpness
                    + " and instanceRegularization " + instanceRegularization + " with " + sequencePooling);
        }
        if (skipConnection && architecture != null && architecture != Architecture.HYBRID) {
            err.add("skipConnection must be false for " + architecture + " (only HYBRID has both a CNN and an LSTM), got true");
        }
        if (skipConnection && denseUnits < 1) {
            err.add("skipConnection needs a dense projection (denseUnits >= 1) to concatenate, got denseUnits " + denseUnits);
        }
        if (!(skipDropout >= 0 && skipDropout < 1)) {
            err.add("skipDropout must be in [0, 1), got " + skipDropout);
        } else if (skipDropout > 0 && !skipConnection) {
            err.add("skipDropout needs a skip connection (skipConnection true) to drop from, got skipDropout "
                    + skipDropout + " without one");
        }
        if (twoStream && architecture != null && architecture != Architecture.HYBRID) {
            err.add("twoStream must be false for " + architecture + " (only HYBRID has both a CNN and an LSTM), got true");
        }
        if (twoStream && denseUnits < 1) {
            err.add("twoStream needs a dense projection (denseUnits >= 1) for the pooled frames, got denseUnits " + denseUnits);
        }
        if (twoStream && lstmOnlyPooling >= 1 && (height / lstmOnlyPooling < 1 || width / lstmOnlyPooling < 1)) {
            err.add("twoStream: lstmOnlyPooling " + lstmOnlyPooling + " is larger than the frame (width " + width + ", height " + height + ")");
        }
        if (head == null) {
            err.add("head must be set (classification(...) or regression(...)), got null");
        }
        if (updater == null) {
            err.add("updater must be set, got null");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            err.add("learningRate must be > 0 and finite, got " + learningRate);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            err.add("l2 must be >= 0 and finite, got " + l2);
        }
        if (!err.isEmpty()) {
            throw new IllegalArgumentException("invalid model configuration: " + String.join("; ", err));
        }
    }

    /** The input frame format. */
    @JsonIgnore
    public FrameFormat frameFormat() {
        return new FrameFormat(width, height, channels);
    }

    /** Number of values per frame, {@code channels * height * width}. */
    @JsonIgnore
    public int frameSize() {
        return channels * height * width;
    }

    /** Number of network outputs per frame. */
    @JsonIgnore
    public int outputSize() {
        return head.outputSize();
    }

    /** Whether the head is a classifier. */
    @JsonIgnore
    public boolean isClassification() {
        return head instanceof Head.Classification;
    }

    /** A copy with another architecture (the rest unchanged); validates. */
    public ModelConfig withArchitecture(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        return new ModelConfig(a, height, width, channels, sequenceLength, cnnBlocks, denseUnits, lstmUnits,
                a == Architecture.CNN_ONLY ? false : bidirectional, lstmOnlyPooling, head, updater,
                learningRate, l2, seed, a == Architecture.CNN_ONLY ? SequencePooling.MEAN
                        : a == architecture ? sequencePooling : SequencePooling.defaultFor(a),
                a == Architecture.HYBRID && skipConnection, a == Architecture.HYBRID && skipConnection ? skipDropout : 0,
                a == Architecture.HYBRID && twoStream, keepsPooling(a) ? instanceClass : null,
                keepsPooling(a) ? instanceSharpness : 0, keepsPooling(a) ? instanceRegularization : 0);
    }

    private boolean keepsPooling(Architecture a) {
        return a == architecture && sequencePooling == SequencePooling.MULTIPLE_INSTANCE;
    }
}
