package io.github.crimeanomaly.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.crimeanomaly.frame.BlockFlow;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.NoiseEstimator;
import io.github.crimeanomaly.internal.Json;
import io.github.crimeanomaly.model.HybridModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a clip of raw gray frames becomes the input of a clip classifier: the number of frames,
 * their size, and which channels the model sees. Immutable; stored as JSON in the model's
 * metadata under {@link #METADATA_KEY} so that a saved model preprocesses any folder of clips,
 * or a live stream, exactly as it was trained.
 *
 * <p>A clip is decoded as {@link #rawFrames()} = {@code frames + 1} gray frames of
 * {@code width x height}, spread evenly over {@link #clipSeconds()} seconds of video; the model
 * sees {@code frames} steps, each with
 * <ul>
 *   <li>{@link Mode#APPEARANCE}: the gray frame (1 channel),</li>
 *   <li>{@link Mode#MOTION}: the absolute difference to the previous raw frame (1 channel),</li>
 *   <li>{@link Mode#APPEARANCE_AND_MOTION}: 3 channels: the gray frame, the previous raw frame and
 *       their absolute difference (three because frames have 1 or 3 channels, see
 *       {@link FrameFormat}).</li>
 *   <li>{@link Mode#MOTION_AND_FLOW}: 3 channels: the absolute difference and the block-matching
 *       motion field (horizontal, vertical) since the previous raw frame.</li>
 * </ul>
 * Fights are mostly motion: the difference channel lets a small network see it directly.
 *
 * <p>With {@link #mirrorAverage()}, {@link #predict} averages the model's output on each clip and
 * on its left-right mirror image (test-time augmentation; training is unchanged). A fight is a
 * fight either way round, and the average is steadier than one view: on the fight clips' inner
 * grouped cross-validation it raised the mean F1 of the three recipes from 0.706 to 0.714. It costs
 * a second forward pass.
 *
 * <p>With a {@link #noiseFloor()} k &gt; 0, every frame difference loses k times its frame pair's
 * sensor-noise estimate ({@link NoiseEstimator}), clamped at 0: {@code max(0, |d| - k * sigma)}.
 * Noise that would otherwise read as motion everywhere then mostly vanishes, while motion stands
 * out above it; on clean video sigma is small and the input nearly unchanged. It applies in
 * training and prediction alike.
 *
 * <pre>{@code
 * ClipInput in = new ClipInput(16, 64, 64, ClipInput.Mode.APPEARANCE_AND_MOTION, 2.0);
 * float[][] steps = in.toSequence(rawGrayFrames);      // 17 frames in, 16 steps of 3x64x64 out
 * float[][] p = in.predict(model, List.of(clipA, clipB));  // class probabilities per clip
 * in.storeIn(model);                                   // travels with model.save(...)
 * ClipInput again = ClipInput.of(HybridModel.load(file)).orElseThrow();
 * }</pre>
 *
 * @param frames      model steps per clip, &gt;= 2
 * @param height      frame height in pixels, &gt;= 8
 * @param width       frame width in pixels, &gt;= 8
 * @param mode        which channels the model sees
 * @param clipSeconds how many seconds of video one clip spans (used to sample a live stream at the
 *                    training rate), &gt; 0
 * @param mirrorAverage whether {@link #predict} averages each clip with its left-right mirror
 * @param noiseFloor  k of the noise floor subtracted from every frame difference, finite and &gt;= 0
 *                    (0 = none)
 */
public record ClipInput(int frames, int height, int width, Mode mode, double clipSeconds, boolean mirrorAverage,
                        double noiseFloor) {

    // The motion field's threshold has the motion-speed detector's default values, but is fixed
    // here on purpose: a saved model does not store it, so its preprocessing must not follow a
    // later change of the detector's defaults.
    /** Mean absolute difference above which a block of the motion field has changed. */
    static final double FLOW_MOTION_THRESHOLD = 0.02;
    /** Noise factor of the motion field's noise-adaptive threshold. */
    static final double FLOW_NOISE_FACTOR = 1.25;

    /** The metadata key under which a model stores its clip input. */
    public static final String METADATA_KEY = "clipInput";

    /** Which channels the model sees per step. */
    public enum Mode {
        /** The gray frame only. */
        APPEARANCE(1),
        /** The absolute difference between consecutive sampled frames only. */
        MOTION(1),
        /** Gray frame, previous gray frame and their absolute difference, as three channels. */
        APPEARANCE_AND_MOTION(3),
        /**
         * The absolute difference, then the horizontal and vertical motion of each block since the
         * previous frame ({@link BlockFlow}: blocks of {@link #flowBlock()} pixels searched within
         * as many pixels, divided by that so in [-1, 1]; every pixel of a block carries its value),
         * as three channels. A block moves only where its change beats the noise-adaptive threshold
         * of the motion-speed detector; when most of the frame changes (a camera pan or zoom) the
         * noise estimate absorbs it and the field stays 0.
         */
        MOTION_AND_FLOW(3);

        private final int channels;

        Mode(int channels) {
            this.channels = channels;
        }

        /** Channels per step. */
        public int channels() {
            return channels;
        }
    }

    /**
     * Most frame differences per clip: every clip of a dataset is held in memory, so a larger
     * value (a typo such as 100000) would run out of memory instead of failing here.
     */
    public static final int MAX_FRAMES = 512;

    /** Largest frame side in pixels (the defaults use 64). */
    public static final int MAX_SIDE = 1024;

    /** Validates every field, naming each bad one. */
    public ClipInput {
        List<String> errors = new ArrayList<>();
        if (frames < 2 || frames > MAX_FRAMES) {
            errors.add("frames must be in [2, " + MAX_FRAMES + "], got " + frames);
        }
        if (height < 8 || height > MAX_SIDE) {
            errors.add("height must be in [8, " + MAX_SIDE + "], got " + height);
        }
        if (width < 8 || width > MAX_SIDE) {
            errors.add("width must be in [8, " + MAX_SIDE + "], got " + width);
        }
        if (mode == null) {
            errors.add("mode must be set, got null");
        }
        if (!(clipSeconds > 0) || Double.isInfinite(clipSeconds)) {
            errors.add("clipSeconds must be finite and > 0, got " + clipSeconds);
        }
        if (!(noiseFloor >= 0) || Double.isInfinite(noiseFloor)) {
            errors.add("noiseFloor must be finite and >= 0, got " + noiseFloor);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    /** An input without a noise floor. */
    public ClipInput(int frames, int height, int width, Mode mode, double clipSeconds, boolean mirrorAverage) {
        this(frames, height, width, mode, clipSeconds, mirrorAverage, 0);
    }

    /** An input without mirror averaging or a noise floor. */
    public ClipInput(int frames, int height, int width, Mode mode, double clipSeconds) {
        this(frames, height, width, mode, clipSeconds, false);
    }

    /** This input with {@code n} frame differences per clip (n + 1 frames spread over the clip). */
    public ClipInput withFrames(int n) {
        return new ClipInput(n, height, width, mode, clipSeconds, mirrorAverage, noiseFloor);
    }

    /** This input with mirror averaging on or off. */
    public ClipInput withMirrorAverage(boolean on) {
        return new ClipInput(frames, height, width, mode, clipSeconds, on, noiseFloor);
    }

    /** This input with noise floor {@code k} (0 = none; see {@link #noiseFloor()}). */
    public ClipInput withNoiseFloor(double k) {
        return new ClipInput(frames, height, width, mode, clipSeconds, mirrorAverage, k);
    }

    /**
     * Block side (and search radius) of the {@link Mode#MOTION_AND_FLOW} motion field, in pixels:
     * a sixteenth of the shorter side, at least 2 (4 at 64x64).
     */
    public int flowBlock() {
        return Math.max(2, Math.min(width, height) / 16);
    }

    /**
     * How long a whole video may last before classifying it as one clip is unreliable: three
     * times {@link #clipSeconds()}. A clip's frames are spread over the whole video, so on a much
     * longer one the motion between them is not what the model learnt (a classifier trained on
     * the 2-5 s fight clips gave a 79.5 s walk past the camera p(fight) = 0.90, and flagged none of
     * its frames when scoring it as a stream). Score longer videos as streams, or cut them.
     */
    public double longestClipSeconds() {
        return 3 * clipSeconds;
    }

    /** Raw gray frames needed per clip: {@code frames + 1} (one more for the first difference). */
    public int rawFrames() {
        return frames + 1;
    }

    /** The format of the raw frames to decode: gray, {@code width x height}. */
    public FrameFormat rawFormat() {
        return FrameFormat.gray(width, height);
    }

    /** The format of one model step: {@code mode.channels()} channels of {@code width x height}. */
    public FrameFormat modelFormat() {
        return new FrameFormat(width, height, mode.channels());
    }

    /**
     * Turns {@code frames + 1} raw gray frames ({@code height*width} values each, in [0, 1]) into
     * {@code frames} model steps (CHW).
     *
     * @throws IllegalArgumentException if the count or a frame's size is wrong (expected vs found)
     */
    public float[][] toSequence(float[][] rawGray) {
        Objects.requireNonNull(rawGray, "rawGray");
        if (rawGray.length != rawFrames()) {
            throw new IllegalArgumentException("expected " + rawFrames() + " raw frames, got " + rawGray.length);
        }
        for (int i = 0; i < rawGray.length; i++) {
            checkRaw(rawGray[i], "frame " + i);
        }
        float[][] out = new float[frames][];
        Steps steps = new Steps();
        for (int t = 0; t < frames; t++) {
            out[t] = steps.step(rawGray[t], rawGray[t + 1]);
        }
        return out;
    }

    /**
     * Turns a pair of raw gray frames into one model step, as {@link #toSequence} does for each
     * pair; holds the scratch space of the noise estimate and the motion field, so one instance
     * serves a whole clip or stream. Frames are checked by the caller.
     */
    final class Steps {
        private final NoiseEstimator noise = noiseFloor > 0 && mode != Mode.APPEARANCE ? new NoiseEstimator() : null;
        private final BlockFlow flow = mode == Mode.MOTION_AND_FLOW ? new BlockFlow(width, height, flowBlock(),
                flowBlock(), FLOW_MOTION_THRESHOLD, FLOW_NOISE_FACTOR) : null;
        private final float[] fx = flow == null ? null : new float[flow.blocks()];
        private final float[] fy = flow == null ? null : new float[flow.blocks()];

        /** The model step (CHW) for the raw frame {@code cur} after {@code prev}. */
        float[] step(float[] prev, float[] cur) {
            int plane = height * width;
            float[] dst = new float[mode.channels() * plane];
            switch (mode) {
                case APPEARANCE -> System.arraycopy(cur, 0, dst, 0, plane);
                case MOTION -> difference(prev, cur, dst, 0, noise);
                case APPEARANCE_AND_MOTION -> {
                    System.arraycopy(cur, 0, dst, 0, plane);
                    System.arraycopy(prev, 0, dst, plane, plane);
                    difference(prev, cur, dst, 2 * plane, noise);
                }
                case MOTION_AND_FLOW -> {
                    difference(prev, cur, dst, 0, noise);
                    flow.compute(prev, cur, fx, fy);
                    spread(flow, fx, dst, plane);
                    spread(flow, fy, dst, 2 * plane);
                }
                default -> throw new IllegalStateException("unknown mode " + mode);
            }
            return dst;
        }
    }

    /** Each block's value divided by the search radius, into its pixels of {@code dst} from {@code offset}. */
    private void spread(BlockFlow flow, float[] perBlock, float[] dst, int offset) {
        int b = flow.block();
        float scale = 1f / flow.radius();
        for (int y = 0; y < flow.rows() * b; y++) {
            int row = (y / b) * flow.cols();
            for (int x = 0; x < flow.cols() * b; x++) {
                dst[offset + y * width + x] = perBlock[row + x / b] * scale;
            }
        }
    }

    /** |cur - prev| into {@code dst} from {@code offset}, less the noise floor when {@code noise} is set. */
    private void difference(float[] prev, float[] cur, float[] dst, int offset, NoiseEstimator noise) {
        float floor = noise == null ? 0f : (float) (noiseFloor * noise.differenceSigma(prev, cur));
        for (int i = 0; i < prev.length; i++) {
            float d = Math.abs(cur[i] - prev[i]);
            dst[offset + i] = floor == 0f ? d : Math.max(0f, d - floor);
        }
    }

    /**
     * The model's class probabilities for each clip of {@code frames + 1} raw gray frames: the
     * output on {@link #toSequence} of the clip, averaged with the output on its left-right mirror
     * when {@link #mirrorAverage()} is on (one batch for both).
     *
     * @return one row per clip, one column per class
     * @throws IllegalArgumentException if a clip's frame count or a frame's size is wrong, or the
     *                                  model does not take steps of {@link #modelFormat()}
     */
    public float[][] predict(HybridModel model, List<float[][]> rawClips) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rawClips, "rawClips");
        checkMatches(model);
        int n = rawClips.size();
        if (n == 0) {
            return new float[0][];
        }
        float[][][] x = new float[mirrorAverage ? 2 * n : n][][];
        for (int i = 0; i < n; i++) {
            float[][] raw = rawClips.get(i);
            x[i] = toSequence(raw);
            if (mirrorAverage) {
                x[n + i] = toSequence(mirror(raw));
            }
        }
        float[][] p = model.predictSequences(x);
        if (!mirrorAverage) {
            return p;
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new float[p[i].length];
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = 0.5f * (p[i][c] + p[n + i][c]);
            }
        }
        return out;
    }

    /**
     * The model's class probabilities for one clip of {@code frames + 1} raw gray frames; see
     * {@link #predict(HybridModel, List)}.
     */
    public float[] predict(HybridModel model, float[][] rawClip) {
        return predict(model, java.util.Collections.singletonList(Objects.requireNonNull(rawClip, "rawClip")))[0];
    }

    /**
     * The model's class probabilities for a sliding window over a stream of raw gray frames, one
     * frame at a time, as {@link #predict(HybridModel, float[][])} gives for the window's clip of
     * the last {@link #rawFrames()} frames (before there are that many, the clip starts with the
     * first frame repeated). Each frame's step goes through the model's CNN once
     * ({@link io.github.crimeanomaly.model.WindowPredictor}) instead of once per window it is in.
     * The stream holds its own copy of the weights: close it.
     *
     * @throws IllegalArgumentException if the model does not take steps of {@link #modelFormat()}
     */
    public ClipStream stream(HybridModel model) {
        Objects.requireNonNull(model, "model");
        checkMatches(model);
        return new ClipStream(this, model.windowPredictor(frames, mirrorAverage ? 2 : 1));
    }

    /** Checks one raw frame's size and values in [0, 1], naming {@code what} and what was expected and found. */
    void checkRaw(float[] raw, String what) {
        int plane = height * width;
        if (raw == null || raw.length != plane) {
            throw new IllegalArgumentException("expected raw frames of " + rawFormat() + " (" + plane
                    + " values), got " + (raw == null ? "null" : raw.length + " values") + " (" + what + ")");
        }
        for (int i = 0; i < plane; i++) {
            if (!(raw[i] >= 0f && raw[i] <= 1f)) { // NaN fails too; 3e38 used to pass and give NaN steps
                throw new IllegalArgumentException("expected raw frame values in [0, 1] (gray, as Frame pixels), got "
                        + raw[i] + " at index " + i + " (" + what + ")");
            }
        }
    }

    /** Each frame flipped left to right (frames already checked by the caller's toSequence). */
    private float[][] mirror(float[][] rawGray) {
        float[][] out = new float[rawGray.length][];
        for (int t = 0; t < rawGray.length; t++) {
            out[t] = mirror(rawGray[t]);
        }
        return out;
    }

    /** One frame flipped left to right. */
    float[] mirror(float[] src) {
        float[] dst = new float[src.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                dst[row + x] = src[row + width - 1 - x];
            }
        }
        return dst;
    }

    /**
     * Source frames between two sampled raw frames for a stream at {@code fps}: the training clips
     * spread {@code frames + 1} frames over {@code clipSeconds}, so a stream is sampled at the same
     * rate, to the nearest whole frame, except that a stride giving more than {@value #MAX_STEP_RATIO}
     * times the training step is shortened by one frame when it can be (at 12 frames/s a 16-step
     * input samples every frame, 0.08 s apart, not every second, 0.17 s apart): sampling further apart
     * than in training shows the model more motion per step than it learnt, and raises false alarms
     * (see {@link #samplingWarning}). At least 1.
     */
    public int strideAt(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be finite and > 0, got " + fps);
        }
        double exact = stepSeconds() * fps;
        long stride = Math.round(exact);
        if (stride > MAX_STEP_RATIO * exact) {
            stride--;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, stride));
    }

    /** Seconds between two sampled frames of a training clip: {@code clipSeconds / frames}. */
    public double stepSeconds() {
        return clipSeconds / frames;
    }

    /**
     * How many times the training step a stream is sampled at, above which
     * {@link #samplingWarning} warns.
     */
    public static final double MAX_STEP_RATIO = 1.25;

    /**
     * A warning if a stream at {@code fps}, sampled every {@code stride} frames, puts its samples more
     * than {@value #MAX_STEP_RATIO} times further apart than the training clips did. The model then
     * sees more motion per step than it learnt, and ordinary walking can read as a fight: with a
     * 16-step fight model (trained 0.125 s apart), UCSD Ped2 sampled 0.2 s apart had 8-21% of its
     * normal training frames flagged instead of none. Training with fewer steps is no cure (10-step
     * models, trained 0.2 s apart, flagged 19-25% of them at 0.2 s), so the message points to
     * calibrating the alarm threshold on normal footage of the camera, or to a faster camera.
     *
     * @param fps    the stream's frame rate, finite and &gt; 0
     * @param stride source frames between two samples, &gt;= 1
     * @return the warning, or empty if the sampling is within {@value #MAX_STEP_RATIO} times the training step
     */
    public Optional<String> samplingWarning(double fps, int stride) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be finite and > 0, got " + fps);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        double step = stride / fps;
        double ratio = step / stepSeconds();
        if (ratio <= MAX_STEP_RATIO) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the model was trained on frames %.3f s apart (%d steps over "
                + "%.1f s), but this %.1f frames/s video is sampled %.3f s apart, %.1f times the motion per step the "
                + "model learnt, which raises false alarms on normal footage: calibrate the alarm threshold on normal "
                + "footage of this camera (crime-anomaly calibrate), or use a camera at %.1f frames/s or more",
                stepSeconds(), frames, clipSeconds, fps, step, ratio, 1 / (MAX_STEP_RATIO * stepSeconds())));
    }

    /** This input as JSON. */
    public JsonNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("frames", frames);
        n.put("height", height);
        n.put("width", width);
        n.put("mode", mode.name());
        n.put("clipSeconds", clipSeconds);
        n.put("mirrorAverage", mirrorAverage);
        if (noiseFloor > 0) {
            // written only when set, so models without it read the same in earlier builds
            n.put("noiseFloor", noiseFloor);
        }
        return n;
    }

    /**
     * Reads the JSON written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the missing or bad field
     */
    public static ClipInput fromJson(JsonNode n) {
        Objects.requireNonNull(n, "json");
        for (String f : List.of("frames", "height", "width", "mode", "clipSeconds")) {
            if (!n.hasNonNull(f)) {
                throw new IllegalArgumentException("clip input JSON must have field '" + f + "', got " + n);
            }
        }
        Mode mode;
        try {
            mode = Mode.valueOf(n.get("mode").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clip input mode must be one of " + List.of(Mode.values())
                    + ", got '" + n.get("mode").asText() + "'", e);
        }
        JsonNode mirror = n.get("mirrorAverage");
        if (mirror != null && !mirror.isBoolean()) {
            throw new IllegalArgumentException("clip input field 'mirrorAverage' must be true or false, got " + mirror);
        }
        JsonNode floor = n.get("noiseFloor");
        if (floor != null && !floor.isNumber()) {
            throw new IllegalArgumentException("clip input field 'noiseFloor' must be a number, got " + floor);
        }
        // absent in models saved before mirror averaging (or the noise floor) existed: off, as they were evaluated
        return new ClipInput(n.get("frames").asInt(), n.get("height").asInt(), n.get("width").asInt(), mode,
                n.get("clipSeconds").asDouble(), mirror != null && mirror.asBoolean(),
                floor == null ? 0 : floor.asDouble());
    }

    /**
     * Stores this input in the model's metadata (checks that it matches the model's input). A model
     * that already stores an input takes only the same one, or the same with another
     * {@link #mirrorAverage()} (an inference-time choice): its network was trained on that input.
     *
     * @throws IllegalArgumentException if the model takes other steps or already stores another input
     */
    public void storeIn(HybridModel model) {
        checkMatches(model);
        model.putMetadata(METADATA_KEY, toJson());
    }

    /** The clip input stored in a model's metadata, if any. */
    public static Optional<ClipInput> of(HybridModel model) {
        JsonNode n = model.metadata().get(METADATA_KEY);
        return n == null ? Optional.empty() : Optional.of(fromJson(n));
    }

    /**
     * Checks that the model takes steps of {@link #modelFormat()} and, if it stores a clip input
     * (as every model trained by {@link ClipClassifier} does), that it is this one: frames, size,
     * mode, clip duration and noise floor alike ({@link #mirrorAverage()} may differ, since
     * training does not use it). A model fed a clip prepared otherwise still gives probabilities,
     * but they mean nothing.
     *
     * @throws IllegalArgumentException with expected vs found
     */
    public void checkMatches(HybridModel model) {
        if (!model.frameFormat().equals(modelFormat())) {
            throw new IllegalArgumentException("clip input " + this + " gives steps of " + modelFormat()
                    + " but the model takes " + model.frameFormat());
        }
        JsonNode stored = model.metadata().get(METADATA_KEY);
        if (stored != null) {
            ClipInput trained = fromJson(stored);
            if (!trained.withMirrorAverage(mirrorAverage).equals(this)) {
                throw new IllegalArgumentException("expected the clip input the model was trained on, " + trained
                        + ", got " + this + ": use ClipInput.of(model)");
            }
        }
    }
}
