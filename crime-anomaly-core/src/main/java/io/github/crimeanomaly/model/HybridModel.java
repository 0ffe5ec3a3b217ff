package io.github.crimeanomaly.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.data.LabelEncoder;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.model.ModelFormatException.Reason;
import io.github.crimeanomaly.model.internal.ModelArchive;
import io.github.crimeanomaly.model.internal.Network;
import io.github.crimeanomaly.model.internal.NetworkFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The hybrid CNN+LSTM model for surveillance video, and its two baselines behind the same API.
 *
 * <p>Input: sequences of frames, each frame {@code channels x height x width} floats (CHW,
 * usually in [0, 1]; see {@link Frame}). Output: for every frame, class probabilities
 * (classification head) or a target vector (regression head); per sequence, as
 * {@link SequencePooling} says: by default the last frame's output for the recurrent
 * architectures (the LSTM has then seen the whole sequence) and the mean over frames for
 * {@link Architecture#CNN_ONLY}; {@code sequencePooling(MEAN)} averages the frames for any
 * architecture. With a bidirectional LSTM the per-sequence
 * output is still the last frame's, whose backward half has seen only that frame; per-frame
 * outputs then depend on future frames, and streaming is not available.
 *
 * <pre>{@code
 * HybridModel model = HybridModel.builder()
 *     .inputShape(120, 180, 1).sequenceLength(16)
 *     .cnnBlock(16, 3).cnnBlock(32, 3)
 *     .lstm(64)
 *     .classification(LabelEncoder.fit(List.of("fight", "noFight")))
 *     .architecture(Architecture.HYBRID)      // CNN_ONLY or LSTM_ONLY: the baselines
 *     .seed(42)
 *     .build();
 * TrainingReport report = model.trainer().epochs(20).batchSize(8).validation(val).fit(train);
 * float[][] probs = model.predictSequences(clips);           // [clip][class]
 * try (StreamingPredictor p = model.streamingPredictor()) {
 *     float[] frameProbs = p.next(frame);                     // one frame at a time
 * }
 * model.save(Path.of("model.zip"));
 * try (HybridModel again = HybridModel.load(Path.of("model.zip"))) { ... }
 * }</pre>
 *
 * <p>The model holds native (off-heap) ND4J memory: close it. Prediction methods are
 * thread-safe (they serialise on the network); training is not concurrent with prediction.
 */
public final class HybridModel implements AutoCloseable {

    /** The archive kind written into saved files. */
    public static final String KIND = "crime-anomaly/hybrid-model";
    private static final int PREDICT_CHUNK = 32;

    private final ModelConfig config;
    private final Network net;
    private volatile Normalization normalization;
    private volatile Provenance provenance;
    private final Map<String, JsonNode> metadata = Collections.synchronizedMap(new TreeMap<>());
    private volatile boolean closed;

    HybridModel(ModelConfig config, Network net, Normalization normalization) {
        this.config = config;
        this.net = net;
        this.normalization = normalization;
    }

    /** A new builder with the defaults listed on {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A new, untrained model for a validated configuration. */
    public static HybridModel create(ModelConfig config) {
        Objects.requireNonNull(config, "config");
        return new HybridModel(config, NetworkFactory.create(config), Normalization.identity(config.channels()));
    }

    /** The configuration. */
    public ModelConfig config() {
        return config;
    }

    /** The architecture. */
    public Architecture architecture() {
        return config.architecture();
    }

    /** The input frame format. */
    public FrameFormat frameFormat() {
        return config.frameFormat();
    }

    /** The label encoder of a classification head, if it is one. */
    public Optional<LabelEncoder> labels() {
        return config.head() instanceof Head.Classification c ? Optional.of(c.labels()) : Optional.empty();
    }

    /** The input normalisation in use (identity until fitted by the trainer or set). */
    public Normalization normalization() {
        return normalization;
    }

    /** Replaces the input normalisation (must have as many channels as the input). */
    public void setNormalization(Normalization n) {
        Objects.requireNonNull(n, "normalization");
        if (n.channels() != config.channels()) {
            throw new IllegalArgumentException("normalization must have " + config.channels()
                    + " channels, got " + n.channels());
        }
        this.normalization = n;
    }

    /** Where the weights came from, once trained (or loaded from a trained file). */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    void setProvenance(Provenance p) {
        this.provenance = p;
    }

    /**
     * Extra JSON metadata that travels with the saved file, e.g. a detector's thresholds or
     * calibration. Keys are non-blank; a null value removes the key.
     */
    public void putMetadata(String key, JsonNode value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("metadata key must be non-blank, got " + key);
        }
        if (value == null) {
            metadata.remove(key);
        } else {
            metadata.put(key, value.deepCopy());
        }
    }

    /** A snapshot of the extra metadata. */
    public Map<String, JsonNode> metadata() {
        synchronized (metadata) {
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            metadata.forEach((k, v) -> copy.put(k, v.deepCopy()));
            return Collections.unmodifiableMap(copy);
        }
    }

    /** Layers, parameter count and FLOPs per frame. */
    public ModelSummary summary() {
        checkOpen();
        return NetworkFactory.summary(config, net);
    }

    /** A trainer for this model; configure it, then call {@link Trainer#fit}. */
    public Trainer trainer() {
        checkOpen();
        return new Trainer(this);
    }

    Network network() {
        checkOpen();
        return net;
    }

    /**
     * Warm start: copies the per-frame CNN of {@code source} into this model, i.e. every
     * parameter of the CNN blocks (convolution weights, batch-norm scale, shift and running
     * statistics) and of the dense projection, and {@code source}'s input normalisation (the
     * copied layers expect the input scaled as they were trained). The LSTM and the output layer
     * are left as they are. The usual use is two-stage training: train a
     * {@link Architecture#CNN_ONLY} model, copy its CNN into a {@link Architecture#HYBRID} with
     * the same CNN blocks, input and dense projection, then train the hybrid; train the second
     * stage with {@link Trainer#fitNormalization fitNormalization(false)} to keep the copied
     * normalisation.
     *
     * @param source a model whose architecture uses the CNN (HYBRID or CNN_ONLY), with the same
     *               frame format and per-frame layer shapes as this one
     * @throws IllegalArgumentException if either model has no CNN (LSTM_ONLY), the frame formats
     *                                  differ, or the per-frame layers differ in number, kind or
     *                                  parameter shapes (the message names the expected shapes,
     *                                  this model's, and those found in {@code source})
     */
    public void copyCnnFrom(HybridModel source) {
        Objects.requireNonNull(source, "source");
        checkOpen();
        source.checkOpen();
        if (!config.architecture().usesCnn()) {
            throw new IllegalArgumentException("copyCnnFrom needs a model with a CNN (HYBRID or CNN_ONLY) to copy into, "
                    + "this one is " + config.architecture());
        }
        if (!source.config.architecture().usesCnn()) {
            throw new IllegalArgumentException("copyCnnFrom needs a source with a CNN (HYBRID or CNN_ONLY), got "
                    + source.config.architecture());
        }
        if (!source.config.frameFormat().equals(config.frameFormat())) {
            throw new IllegalArgumentException("copyCnnFrom: expected a source with frames of " + config.frameFormat()
                    + ", found " + source.config.frameFormat());
        }
        // Snapshot the source's per-frame parameters first, so that no two networks are locked at once.
        List<org.deeplearning4j.nn.api.Layer> srcLayers = NetworkFactory.frameLayers(source.config, source.net);
        List<Map<String, INDArray>> srcParams = NetworkFactory.copyFrameParams(source.config, source.net);
        Normalization norm = source.normalization;
        try {
            synchronized (net) {
                List<org.deeplearning4j.nn.api.Layer> dstLayers = NetworkFactory.frameLayers(config, net);
                String expected = describeLayers(dstLayers, null);
                String found = describeLayers(srcLayers, srcParams);
                if (!expected.equals(found)) {
                    throw new IllegalArgumentException("copyCnnFrom: the per-frame layers differ; expected "
                            + expected + ", found " + found);
                }
                NetworkFactory.assignFrameParams(config, net, srcParams);
            }
        } finally {
            srcParams.forEach(m -> m.values().forEach(INDArray::close));
        }
        this.normalization = norm;
    }

    /**
     * A function-preserving warm start: {@link #copyCnnFrom copies the CNN} of a trained
     * {@link Architecture#CNN_ONLY} model, and also its classifier: the source's output-layer
     * weights become the weights with which this hybrid's output layer reads the skip path (the
     * per-frame CNN features), the weights that read the LSTM are set to zero, and the bias is
     * copied. Right after the copy this hybrid therefore predicts exactly what {@code source}
     * predicts (the mean over frames of the same per-frame output), and training adds what the
     * LSTM contributes as a correction that starts at zero (as zero-initialised residual branches
     * do). The LSTM's own weights are left as they are.
     *
     * @param source a CNN_ONLY model with the same frame format, per-frame layers and outputs
     * @throws IllegalArgumentException if this model is not a HYBRID with a skip connection and
     *                                  mean pooling over frames, {@code source} is not CNN_ONLY,
     *                                  or their frames, per-frame layers or outputs differ (the
     *                                  message names what was expected and what was found)
     */
    public void copyCnnAndHeadFrom(HybridModel source) {
        Objects.requireNonNull(source, "source");
        checkOpen();
        source.checkOpen();
        if (config.architecture() != Architecture.HYBRID || !config.skipConnection()
                || config.sequencePooling() != SequencePooling.MEAN) {
            throw new IllegalArgumentException("copyCnnAndHeadFrom needs a HYBRID with a skip connection and MEAN "
                    + "pooling (its output layer reads the CNN features directly, averaged like CNN_ONLY's), this one is "
                    + config.architecture() + (config.skipConnection() ? " with" : " without")
                    + " a skip connection and " + config.sequencePooling() + " pooling");
        }
        if (source.config.architecture() != Architecture.CNN_ONLY) {
            throw new IllegalArgumentException("copyCnnAndHeadFrom needs a CNN_ONLY source, got "
                    + source.config.architecture());
        }
        if (source.config.outputSize() != config.outputSize()) {
            throw new IllegalArgumentException("copyCnnAndHeadFrom: expected a source with " + config.outputSize()
                    + " outputs, found " + source.config.outputSize());
        }
        INDArray srcW;
        INDArray srcB;
        synchronized (source.net) {
            Map<String, INDArray> p = NetworkFactory.outputLayer(source.net).paramTable();
            srcW = p.get("W").dup();
            srcB = p.get("b").dup();
        }
        try {
            long skipRows = srcW.size(0);
            long[] shape;
            synchronized (net) {
                shape = NetworkFactory.outputLayer(net).getParam("W").shape();
            }
            // checked before anything is copied, so that a refused call leaves this model as it was
            if (shape[0] <= skipRows || shape[1] != srcW.size(1)) {
                throw new IllegalArgumentException("copyCnnAndHeadFrom: expected an output layer reading more than "
                        + skipRows + " values (the CNN features, then the LSTM's) into " + srcW.size(1)
                        + " outputs, found " + java.util.Arrays.toString(shape));
            }
            copyCnnFrom(source);
            synchronized (net) {
                Map<String, INDArray> p = NetworkFactory.outputLayer(net).paramTable();
                INDArray w = p.get("W");
                // the merge vertex puts the skip path (CNN features) first, the LSTM output after it
                w.get(NDArrayIndex.interval(0, skipRows), NDArrayIndex.all()).assign(srcW);
                w.get(NDArrayIndex.interval(skipRows, w.size(0)), NDArrayIndex.all()).assign(0);
                p.get("b").assign(srcB);
            }
        } finally {
            srcW.close();
            srcB.close();
        }
    }

    /** "[0 ConvolutionLayer {W=[8, 1, 4, 4]}, 1 BatchNormalization {...}, ...]", with {@code params} if given. */
    private static String describeLayers(List<org.deeplearning4j.nn.api.Layer> layers,
                                         List<Map<String, INDArray>> params) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Map<String, INDArray> p = params != null ? params.get(i) : layers.get(i).paramTable();
            Map<String, String> shapes = new LinkedHashMap<>();
            p.forEach((k, v) -> shapes.put(k, java.util.Arrays.toString(v.shape())));
            out.add(i + " " + layers.get(i).conf().getLayer().getClass().getSimpleName() + " " + shapes);
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ prediction

    /**
     * Per-sequence outputs: class probabilities (classification) or target vectors (regression).
     *
     * @param clips {@code [clip][frame][C*H*W]}; clips may have any length &gt;= 1 (the training
     *              sequence length is not required)
     * @return {@code [clip][output]}
     */
    public float[][] predictSequences(float[][][] clips) {
        float[][][] frames = predictFrames(clips);
        float[][] out = new float[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            out[i] = pool(frames[i]);
        }
        return out;
    }

    /** Per-sequence output for one clip given as frames. */
    public float[] predictSequence(List<Frame> frames) {
        return predictSequences(new float[][][] {pixelsOf(frames)})[0];
    }

    /** Per-frame outputs for one clip given as frames: {@code [frame][output]}. */
    public float[][] predictFrames(List<Frame> frames) {
        return predictFrames(new float[][][] {pixelsOf(frames)})[0];
    }

    /**
     * Per-frame outputs. For the recurrent architectures the output at frame t has seen frames
     * 0..t (t..end too, if bidirectional); these are exactly what {@link StreamingPredictor}
     * returns frame by frame.
     *
     * @param clips {@code [clip][frame][C*H*W]}
     * @return {@code [clip][frame][output]}
     */
    public float[][][] predictFrames(float[][][] clips) {
        checkOpen();
        Objects.requireNonNull(clips, "clips");
        for (int i = 0; i < clips.length; i++) {
            checkClip(clips[i], "clip " + i);
        }
        float[][][] out = new float[clips.length][][];
        int start = 0;
        while (start < clips.length) {
            int end = start + 1;
            while (end < clips.length && end - start < PREDICT_CHUNK && clips[end].length == clips[start].length) {
                end++;
            }
            float[][][] chunk = java.util.Arrays.copyOfRange(clips, start, end);
            float[][][] res = forward(chunk);
            System.arraycopy(res, 0, out, start, res.length);
            start = end;
        }
        return out;
    }

    /** Most probable class code per clip (classification head only). */
    public int[] predictClasses(float[][][] clips) {
        requireClassification();
        float[][] p = predictSequences(clips);
        int[] codes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            codes[i] = argmax(p[i]);
        }
        return codes;
    }

    /** Most probable label for one clip (classification head only). */
    public String predictLabel(List<Frame> frames) {
        LabelEncoder enc = requireClassification();
        return enc.decode(argmax(predictSequence(frames)));
    }

    /**
     * A predictor that takes one frame at a time and keeps the LSTM state between calls, for
     * live video. Its output at a frame has seen every frame since the start or the last reset,
     * however long ago: a model trained on clips of {@code sequenceLength} frames is usually
     * better served by {@link #windowPredictor}, whose output at each frame is the model's on the
     * clip of the last frames, as in training. It holds its own copy of the network: close it.
     *
     * @throws IllegalStateException if the LSTM is bidirectional or the pooling is
     *                               {@link SequencePooling#ATTENTION} or
     *                               {@link SequencePooling#MULTIPLE_INSTANCE} (they need the future)
     */
    public StreamingPredictor streamingPredictor() {
        checkOpen();
        if (config.bidirectional()) {
            throw new IllegalStateException("a bidirectional model cannot predict frame by frame: it needs future frames; "
                    + "use predictFrames on whole clips, or build with bidirectional(false)");
        }
        if (config.sequencePooling() == SequencePooling.ATTENTION
                || config.sequencePooling() == SequencePooling.MULTIPLE_INSTANCE) {
            throw new IllegalStateException("a model with " + config.sequencePooling() + " pooling cannot predict frame "
                    + "by frame: every output weighs the whole sequence; use windowPredictor or predictSequences on "
                    + "whole clips");
        }
        Network copy;
        synchronized (net) {
            copy = net.copy();
        }
        return new StreamingPredictor(this, copy);
    }

    /**
     * A predictor over a sliding window of the last {@code window} frames of {@code streams}
     * parallel streams that puts each frame through the CNN once (see {@link WindowPredictor}):
     * the way to score a video frame by frame with a model trained on clips, with
     * {@code window = sequenceLength}. Unlike {@link #streamingPredictor}, it works with a
     * bidirectional LSTM or attention pooling. It holds its own copies of the weights: close it.
     *
     * @throws IllegalArgumentException if {@code window} or {@code streams} is below 1
     */
    public WindowPredictor windowPredictor(int window, int streams) {
        checkOpen();
        if (window < 1 || streams < 1) {
            throw new IllegalArgumentException("window and streams must be >= 1, got window " + window
                    + " and streams " + streams);
        }
        return new WindowPredictor(this, NetworkFactory.split(config, net), window, streams);
    }

    private float[][][] forward(float[][][] clips) {
        int mb = clips.length;
        int t = clips[0].length;
        int fs = config.frameSize();
        float[] buf = new float[mb * t * fs];
        Normalization n = normalization;
        for (int b = 0; b < mb; b++) {
            for (int s = 0; s < t; s++) {
                n.apply(clips[b][s], buf, (b * t + s) * fs);
            }
        }
        INDArray out;
        synchronized (net) {
            try (INDArray in = Nd4j.create(buf, new long[] {mb, t, fs}, 'c')) {
                out = net.output(in.permute(0, 2, 1), false);
            }
        }
        return toFrames(out, mb, t);
    }

    float[][][] toFrames(INDArray out, int mb, int t) {
        int k = config.outputSize();
        float[] flat;
        try (INDArray p = out.permute(0, 2, 1).dup('c')) {
            flat = p.data().asFloat();
        }
        out.close();
        float[][][] res = new float[mb][t][k];
        for (int b = 0; b < mb; b++) {
            for (int s = 0; s < t; s++) {
                System.arraycopy(flat, (b * t + s) * k, res[b][s], 0, k);
            }
        }
        return res;
    }

    /** Pools per-frame outputs into the sequence output as the config's {@link SequencePooling} says. */
    float[] pool(float[][] frameOutputs) {
        if (config.sequencePooling() == SequencePooling.LAST) {
            return frameOutputs[frameOutputs.length - 1].clone();
        }
        int k = frameOutputs[0].length;
        double[] sum = new double[k];
        for (float[] f : frameOutputs) {
            for (int j = 0; j < k; j++) {
                sum[j] += f[j];
            }
        }
        float[] mean = new float[k];
        for (int j = 0; j < k; j++) {
            mean[j] = (float) (sum[j] / frameOutputs.length);
        }
        return mean;
    }

    void checkClip(float[][] clip, String what) {
        if (clip == null || clip.length == 0) {
            throw new IllegalArgumentException(what + " must hold at least one frame, got "
                    + (clip == null ? "null" : "0"));
        }
        for (int s = 0; s < clip.length; s++) {
            checkFrame(clip[s], what + ", frame " + s);
        }
    }

    void checkFrame(float[] frame, String what) {
        if (frame == null || frame.length != config.frameSize()) {
            throw new IllegalArgumentException("expected frames of " + config.frameFormat() + " ("
                    + config.frameSize() + " values), got " + (frame == null ? "null" : frame.length + " values")
                    + " (" + what + ")" + clipInputHint());
        }
        for (int i = 0; i < frame.length; i++) {
            if (!Float.isFinite(frame[i])) {
                throw new IllegalArgumentException("expected finite frame values, got " + frame[i] + " at index " + i
                        + " (" + what + ")");
            }
        }
    }

    /**
     * For a clip classifier (its metadata holds a {@code ClipInput}, key "clipInput"), whose
     * network takes preprocessed steps, not video frames: how to feed it instead.
     */
    private String clipInputHint() {
        return metadata.containsKey("clipInput")
                ? "; this is a clip classifier, whose input is made from raw frames by the preprocessing stored "
                + "with it: use ClipInput.of(model).orElseThrow().predict(model, rawFrames)" : "";
    }

    float[] pixelsOf(Frame f) {
        if (!f.format().equals(config.frameFormat())) {
            throw new IllegalArgumentException("expected frames of " + config.frameFormat() + ", got "
                    + f.format() + " (frame " + f.index() + ")" + clipInputHint());
        }
        float[] p = new float[f.format().size()];
        f.copyPixelsTo(p, 0);
        return p;
    }

    private float[][] pixelsOf(List<Frame> frames) {
        Objects.requireNonNull(frames, "frames");
        float[][] out = new float[frames.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixelsOf(frames.get(i));
        }
        return out;
    }

    private LabelEncoder requireClassification() {
        return labels().orElseThrow(() -> new IllegalStateException(
                "predicting classes needs a classification head, this model has " + config.head()));
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Saves the model to one zip file, atomically (a temporary file in the same directory, then
     * a move): on any failure the target is untouched. Holds the configuration (with the label
     * encoder), the weights, the normalisation, the metadata, and a manifest with the format and
     * library versions, seed, provenance, Java/OS/arch and a SHA-256 over the payload. The
     * optimiser state is not saved: a loaded model predicts exactly, and training it again
     * starts a fresh optimiser. An existing file is replaced only if this library saved it; any
     * other file is refused with a {@link java.nio.file.FileAlreadyExistsException} and left as it
     * was.
     */
    public void save(Path file) throws IOException {
        checkOpen();
        Objects.requireNonNull(file, "file");
        Map<String, byte[]> payload = new TreeMap<>();
        payload.put("config.json", Json.mapper().writeValueAsBytes(config));
        payload.put("normalization.json", Json.mapper().writeValueAsBytes(normalization));
        payload.put("metadata.json", Json.mapper().writeValueAsBytes(metadata()));
        float[] params;
        synchronized (net) {
            params = net.params().toFloatVector();
        }
        payload.put("params.bin", ModelArchive.encodeParams(params));
        ObjectNode extras = Json.mapper().createObjectNode();
        extras.put("seed", config.seed());
        extras.put("architecture", config.architecture().name());
        Provenance p = provenance;
        if (p != null) {
            extras.set("provenance", Json.mapper().valueToTree(p));
            extras.put("trainedAt", p.trainedAt());
            extras.put("datasetFingerprint", p.datasetFingerprint());
        }
        ModelArchive.write(file, KIND, payload, extras);
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws ModelFormatException if the file is corrupt, truncated, tampered with, unsafe,
     *                              of a newer format or of another kind
     * @throws IOException          if it cannot be read
     */
    public static HybridModel load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        ModelArchive.Contents c = ModelArchive.read(file, KIND);
        ModelConfig cfg;
        Normalization norm;
        Map<String, JsonNode> meta;
        Provenance prov = null;
        try {
            cfg = Json.mapper().readValue(c.require(file, "config.json"), ModelConfig.class);
            norm = Json.mapper().readValue(c.require(file, "normalization.json"), Normalization.class);
            meta = Json.mapper().readValue(c.require(file, "metadata.json"),
                    Json.mapper().getTypeFactory().constructMapType(TreeMap.class, String.class, JsonNode.class));
            if (c.manifest().has("provenance")) {
                prov = Json.mapper().treeToValue(c.manifest().get("provenance"), Provenance.class);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file
                    + " has an invalid configuration: " + Json.problem(e), e);
        }
        if (norm.channels() != cfg.channels()) {
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file + ": normalization has "
                    + norm.channels() + " channels, expected " + cfg.channels());
        }
        long expected;
        try {
            expected = NetworkFactory.parameterCount(cfg);
        } catch (RuntimeException e) { // DL4J's own checks of a configuration it cannot build
            throw new ModelFormatException(Reason.INVALID_CONTENT, "model file " + file
                    + " has an invalid configuration: " + e.getMessage(), e);
        }
        // checked before the network is allocated: a crafted configuration must not ask for gigabytes
        float[] params = ModelArchive.decodeParams(c.require(file, "params.bin"), expected, file);
        Network net = NetworkFactory.create(cfg);
        try (INDArray p = Nd4j.create(params, new long[] {1, params.length}, 'c')) {
            net.setParams(p);
        }
        HybridModel m = new HybridModel(cfg, net, norm);
        m.provenance = prov;
        meta.forEach(m::putMetadata);
        return m;
    }

    // ------------------------------------------------------------------ lifecycle

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this HybridModel is closed");
        }
    }

    /** Releases the network's native memory. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            synchronized (net) {
                net.close();
            }
        }
    }

    @Override
    public String toString() {
        return "HybridModel[" + config.architecture() + ", " + config.frameFormat() + " x " + config.sequenceLength()
                + ", head " + config.head() + "]";
    }

    /**
     * Builds a {@link HybridModel}. Defaults: architecture HYBRID, sequence length 16, the CNN
     * blocks of {@link #defaultCnnBlocks()}, a dense projection of 64, one LSTM of 64 units,
     * LSTM-only pooling 4, Adam, learning rate 1e-3, L2 1e-4, seed 42. The input shape and the
     * head have no default. {@link #build()} validates every field at once; the builder cannot be
     * changed after {@code build()}.
     */
    public static final class Builder {
        private Architecture architecture = Architecture.HYBRID;
        private int height;
        private int width;
        private int channels;
        private int sequenceLength = 16;
        private final List<CnnBlock> cnnBlocks = new ArrayList<>();
        private int denseUnits = 64;
        private final List<Integer> lstmUnits = new ArrayList<>();
        private boolean bidirectional;
        private int lstmOnlyPooling = 4;
        private Head head;
        private Updater updater = Updater.ADAM;
        private double learningRate = 1e-3;
        private double l2 = 1e-4;
        private long seed = 42;
        private SequencePooling sequencePooling;
        private boolean skipConnection;
        private double skipDropout;
        private boolean twoStream;
        private Integer instanceClass;
        private double instanceSharpness;
        private double instanceRegularization;
        private boolean built;

        Builder() {
        }

        /**
         * The default CNN blocks, chosen for CPU throughput on 180x120 frames (Ped2, width x height): a 4x4 stride-4
         * "patchify" convolution with 8 filters, then 3x3 stride-2 convolutions with 16 and 32
         * filters, each with batch norm and ReLU, no pooling (strides downsample more cheaply
         * than pooling in DL4J). A frame 180 wide and 120 high becomes 8x30x45 (CxHxW), 16x15x23, then 32x8x12 =
         * 3,072 features for the dense projection; about 2.5 MFLOPs per frame in all.
         */
        public static List<CnnBlock> defaultCnnBlocks() {
            return List.of(new CnnBlock(8, 4, 4, 1, true, 0), new CnnBlock(16, 3, 2, 1, true, 0),
                    new CnnBlock(32, 3, 2, 1, true, 0));
        }

        private Builder mutate() {
            if (built) {
                throw new IllegalStateException("this builder has already built a model; start a new one");
            }
            return this;
        }

        /**
         * Input frames: height, width, channels (1 gray, 3 RGB), the order of the network's tensors.
         * {@link FrameFormat}'s factories take the width first, as video sizes are written; with a
         * format at hand, {@link #inputFormat(FrameFormat)} cannot swap them.
         */
        public Builder inputShape(int height, int width, int channels) {
            mutate();
            this.height = height;
            this.width = width;
            this.channels = channels;
            return this;
        }

        /** Input frames of this format. */
        public Builder inputFormat(FrameFormat format) {
            return inputShape(format.height(), format.width(), format.channels());
        }

        /** Frames per training sequence. */
        public Builder sequenceLength(int n) {
            mutate().sequenceLength = n;
            return this;
        }

        /** Appends a CNN block with stride 1, batch norm, 2x2 max pooling, no dropout. */
        public Builder cnnBlock(int filters, int kernel) {
            return cnnBlock(CnnBlock.of(filters, kernel));
        }

        /** Appends a CNN block. The first call replaces the default blocks. */
        public Builder cnnBlock(CnnBlock block) {
            mutate().cnnBlocks.add(Objects.requireNonNull(block, "block"));
            return this;
        }

        /** Units of the dense projection after the CNN (or the pooled frame); 0 for none. */
        public Builder dense(int units) {
            mutate().denseUnits = units;
            return this;
        }

        /** Appends an LSTM layer. The first call replaces the default single 64-unit layer. */
        public Builder lstm(int units) {
            mutate().lstmUnits.add(units);
            return this;
        }

        /** Whether the LSTM layers are bidirectional (no streaming prediction then). */
        public Builder bidirectional(boolean on) {
            mutate().bidirectional = on;
            return this;
        }

        /**
         * HYBRID only: whether the classifier sees the per-frame features (the dense projection)
         * concatenated with the LSTM output (a skip connection around the LSTM), not the LSTM
         * output alone. Default false.
         */
        public Builder skipConnection(boolean on) {
            mutate().skipConnection = on;
            return this;
        }

        /**
         * HYBRID with a {@linkplain #skipConnection skip connection} only: in training, drop each
         * per-frame feature on the skip path (not the LSTM's input) with probability {@code p},
         * so that the classifier cannot lean on the shortcut alone. Default 0 (none); prediction
         * is unaffected.
         */
        public Builder skipDropout(double p) {
            mutate().skipDropout = p;
            return this;
        }

        /**
         * HYBRID only: the LSTM also sees each frame average-pooled by {@link #lstmOnlyPooling}
         * and projected to {@link #dense} units (LSTM_ONLY's per-frame path), next to the CNN
         * features, so the hybrid holds both baselines' inputs; the {@linkplain #skipConnection
         * skip connection} still carries the CNN features alone. Default false.
         */
        public Builder twoStream(boolean on) {
            mutate().twoStream = on;
            return this;
        }

        /** LSTM_ONLY: the average-pooling factor applied to each frame before flattening. */
        public Builder lstmOnlyPooling(int factor) {
            mutate().lstmOnlyPooling = factor;
            return this;
        }

        /** Classification over the classes of {@code labels}, per sequence and per frame. */
        public Builder classification(LabelEncoder labels) {
            mutate().head = new Head.Classification(labels);
            return this;
        }

        /** Regression (or prediction) of a target vector of {@code targetSize}. */
        public Builder regression(int targetSize) {
            mutate().head = new Head.Regression(targetSize);
            return this;
        }

        /** The head. */
        public Builder head(Head h) {
            mutate().head = h;
            return this;
        }

        /** The optimiser. */
        public Builder updater(Updater u) {
            mutate().updater = u;
            return this;
        }

        /** The base learning rate. */
        public Builder learningRate(double lr) {
            mutate().learningRate = lr;
            return this;
        }

        /** The L2 regularisation coefficient. */
        public Builder l2(double v) {
            mutate().l2 = v;
            return this;
        }

        /** The seed for weight initialisation, dropout and shuffling. */
        public Builder seed(long s) {
            mutate().seed = s;
            return this;
        }

        /**
         * How per-frame outputs become the sequence output: LAST (default for the recurrent
         * architectures) or MEAN (the only choice for CNN_ONLY; for HYBRID it also trains every
         * frame on a per-sequence label). Null restores the architecture's default.
         */
        public Builder sequencePooling(SequencePooling p) {
            mutate().sequencePooling = p;
            if (p != SequencePooling.MULTIPLE_INSTANCE) {
                instanceClass = null;
                instanceSharpness = 0;
                instanceRegularization = 0;
            }
            return this;
        }

        /**
         * {@link SequencePooling#MULTIPLE_INSTANCE} pooling for a two-class classifier (HYBRID or
         * LSTM_ONLY): each frame gets a logit for {@code instanceClass} against the other class, and
         * the sequence's logit is their smooth maximum with sharpness {@code sharpness}, so that
         * a sequence is of {@code instanceClass} when some of its frames show it.
         *
         * @param instanceClass the class code, 0 or 1, that one frame can show (the one that is not normal)
         * @param sharpness     r &gt; 0 of {@code (1/r) log mean exp(r d)}: small r is close to the
         *                      mean of the frames' logits, large r to their maximum
         */
        public Builder multipleInstancePooling(int instanceClass, double sharpness) {
            mutate().sequencePooling = SequencePooling.MULTIPLE_INSTANCE;
            this.instanceClass = instanceClass;
            this.instanceSharpness = sharpness;
            return this;
        }

        /**
         * With {@link #multipleInstancePooling}: training adds to each sequence's loss
         * {@code lambda (sum_t p_t + sum_{t>=1} (p_t - p_{t-1})^2)} over its frames' probabilities
         * of the instance class, sparsity (few frames show it) and temporal smoothness (neighbours
         * agree), as in Sultani, Chen and Shah's multiple-instance ranking loss (CVPR 2018). It needs
         * no label and changes the gradient only; the reported score stays the cross-entropy, and
         * prediction is unaffected. The loss it is added to counts the sequence's cross-entropy
         * once per frame.
         *
         * @param lambda the weight, &gt;= 0; 0 (the default) = none
         */
        public Builder instanceRegularization(double lambda) {
            mutate();
            this.instanceRegularization = lambda;
            return this;
        }

        /** HYBRID (default), CNN_ONLY or LSTM_ONLY. */
        public Builder architecture(Architecture a) {
            mutate().architecture = a;
            return this;
        }

        /**
         * The validated configuration, without building a network.
         *
         * @throws IllegalArgumentException naming every invalid field and its value (an unset
         *                                  input shape shows as height, width and channels 0)
         */
        public ModelConfig config() {
            return new ModelConfig(architecture, height, width, channels, sequenceLength,
                    cnnBlocks.isEmpty() ? defaultCnnBlocks() : cnnBlocks, denseUnits,
                    lstmUnits.isEmpty() ? List.of(64) : lstmUnits, bidirectional, lstmOnlyPooling, head,
                    updater, learningRate, l2, seed,
                    sequencePooling != null ? sequencePooling : SequencePooling.defaultFor(architecture == null
                            ? Architecture.HYBRID : architecture), skipConnection, skipDropout, twoStream,
                    instanceClass, instanceSharpness, instanceRegularization);
        }

        /** Validates every field and builds the (untrained) model. */
        public HybridModel build() {
            ModelConfig cfg = config();
            built = true;
            return create(cfg);
        }
    }
}
