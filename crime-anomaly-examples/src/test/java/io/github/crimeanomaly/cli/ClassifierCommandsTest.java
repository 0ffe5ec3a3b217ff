package io.github.crimeanomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.detect.ClassifierDetector;
import io.github.crimeanomaly.examples.fight.FightTestData;
import io.github.crimeanomaly.model.Architecture;
import io.github.crimeanomaly.model.HybridModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-classifier and evaluate-classifier end to end on a handful of real clips of the
 * Surveillance Camera Fight dataset (linked into a temporary class folder), with a tiny budget:
 * this checks the plumbing (preprocessing stored in the model, figures, output format), not
 * accuracy — that is the {@code compare} command's job.
 */
class ClassifierCommandsTest {

    @TempDir
    Path tmp;

    /** A class folder with 3 fight and 3 noFight clips of the real dataset, as symbolic links. */
    private Path smallDataset() throws IOException {
        return FightTestData.link(tmp.resolve("fights"), "fight/fi001", "fight/fi050", "fight/fi100",
                "noFight/nofi001", "noFight/nofi050", "noFight/nofi100");
    }

    /**
     * {@code train-classifier} with a tiny budget (1 epoch, 4 frames of 24x32, every clip, last
     * epoch) on {@code data}, writing {@code model}; {@code extra} options are appended.
     */
    private static CliRun trainTiny(Path data, String arch, Path model, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train-classifier", "--data", data.toString(), "--arch",
                arch, "--out", model.toString(), "--epochs", "1", "--frames", "4", "--size", "32x24", "--validation", "0"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void trainsSavesAndEvaluatesWithTheStoredPreprocessing() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("fight.model");
        CliRun t = CliRun.of("train-classifier", "--data", data.toString(), "--arch", "cnn", "--out", model.toString(),
                "--epochs", "1", "--warm-start", "0", "--frames", "4", "--size", "32x24", "--input", "motion",
                "--threshold", "0.4");
        assertEquals(0, t.exit(), t.err());
        // by default whole source videos are held out to keep the best epoch
        assertTrue(Pattern.compile("held out for the best epoch: (\\d) clips from \\1 source videos \\(train on \\d\\)")
                .matcher(t.out()).find(), t.out());
        assertTrue(t.out().contains("trained CNN_ONLY: 1 epochs in "), t.out());
        assertTrue(t.out().contains(", kept epoch 1 (validation loss "), t.out());
        try (HybridModel m = HybridModel.load(model)) {
            assertEquals(Architecture.CNN_ONLY, m.architecture());
            // the default noise floor (2) is stored with the input, so prediction preprocesses alike
            assertEquals(new ClipInput(4, 24, 32, ClipInput.Mode.MOTION, 2.0, true, 2.0), ClipInput.of(m).orElseThrow());
            assertEquals(0.4, ClassifierDetector.storedThreshold(m));
        }
        CliRun e = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, e.exit(), e.err());
        List<String> lines = e.lines();
        assertTrue(lines.contains("clips=6"), e.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("false_positive_rate=")), e.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("mse=")), e.out());
        assertTrue(Pattern.matches("accuracy=[01]\\.\\d{4} f1=[01]\\.\\d{4} auc=[01]\\.\\d{4}",
                lines.get(lines.size() - 1)), lines.get(lines.size() - 1));
        // The accuracy printed is what the confusion matrix says.
        int tn = Integer.parseInt(lines.get(3).trim().split("\\s+")[1]);
        int tp = Integer.parseInt(lines.get(4).trim().split("\\s+")[2]);
        assertTrue(lines.contains(String.format(java.util.Locale.ROOT, "accuracy=%.4f", (tn + tp) / 6.0)), e.out());
        // a threshold or normal class that score and model-info refuse is refused here too, naming the file
        Path forged = tmp.resolve("forged.model");
        try (HybridModel m = HybridModel.load(model)) {
            m.putMetadata(ClassifierDetector.METADATA_KEY, io.github.crimeanomaly.internal.Json.mapper().createObjectNode()
                    .put("normalClass", "noFight").put("threshold", 2.0));
            m.save(forged);
        }
        CliRun bad = CliRun.of("evaluate-classifier", "--model", forged.toString(), "--data", data.toString());
        assertEquals(1, bad.exit(), bad.err());
        assertTrue(bad.err().contains(forged + ": the model stores threshold 2.0, expected a probability in [0, 1]"),
                bad.err());
        assertFalse(bad.out().contains("clips="), "refused before decoding: " + bad.out());
        // ... and so is a clip input of 0 frames, which used to be reported without the file
        Path noFrames = tmp.resolve("no-frames.model");
        try (HybridModel m = HybridModel.load(model)) {
            m.putMetadata(io.github.crimeanomaly.classify.ClipInput.METADATA_KEY,
                    ((com.fasterxml.jackson.databind.node.ObjectNode) m.metadata()
                            .get(io.github.crimeanomaly.classify.ClipInput.METADATA_KEY)).deepCopy().put("frames", 0));
            m.save(noFrames);
        }
        CliRun zero = CliRun.of("evaluate-classifier", "--model", noFrames.toString(), "--data", data.toString());
        assertEquals(1, zero.exit(), zero.err());
        assertTrue(zero.err().contains(noFrames + ": its 'clipInput' metadata: frames must be in [2, 512], got 0"),
                zero.err());
    }

    @Test
    void crossValidationOnlyWritesTheTableAndEveryClipsPrediction() throws Exception {
        Path data = smallDataset();   // no videos.txt: six clips, six source videos
        Path out = tmp.resolve("cmp");
        CliRun r = CliRun.of("compare", "--data", data.toString(), "--out", out.toString(), "--folds", "3", "--cv-only",
                "--models", "cnn", "--epochs", "1", "--warm-start", "0", "--frames", "4", "--size", "32x24");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote " + out + " (comparison.md, cv-predictions.csv)"), r.out());
        assertTrue(Files.readString(out.resolve("comparison.md")).contains("| CNN only | "));
        List<String> cv = Files.readAllLines(out.resolve("cv-predictions.csv"));
        assertEquals("fold,clip,source_video,truth,CNN_ONLY_p_fight,CNN_ONLY_predicted", cv.get(0));
        assertEquals(7, cv.size(), "every clip once: " + cv);
        assertEquals(6, cv.stream().skip(1).map(l -> l.split(",")[1]).distinct().count(), cv.toString());
        assertFalse(Files.exists(out.resolve("comparison.csv")), "no test split ran");
        assertFalse(Files.exists(out.resolve("predictions.csv")), "no test split ran");
    }

    @Test
    void clipsMuchLongerThanTheModelsClipLengthAreWarnedAbout() throws Exception {
        Path model = tmp.resolve("short.model");
        Path small = smallDataset();
        CliRun t = trainTiny(small, "cnn", model);
        assertEquals(0, t.exit(), t.err());
        CliRun plain = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", small.toString());
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(!plain.err().contains("warning:"), plain.err());

        // vtest.avi lasts 79.5 s, the model's clips 2 s
        Path vtest = Path.of(System.getProperty("crimeanomaly.shared", "../../shared"),
                "datasets/opencv-vtest/vtest.avi").toAbsolutePath();
        Path mixed = FightTestData.link(tmp.resolve("mixed"), "noFight/nofi001");
        Files.createDirectories(mixed.resolve("fight"));
        Files.createSymbolicLink(mixed.resolve("fight/vtest.avi"), vtest);
        CliRun e = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", mixed.toString());
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.err().contains("warning: 1 clip lasts longer than 6 s (longest 79.5 s; vtest.avi): the model "
                + "spreads its 5 frames over each whole clip"), e.err());
        assertTrue(e.err().contains("score them as streams with 'score --model'"), e.err());

        // clips of one class only: recall, FPR and AUC are undefined, and the output says so
        Path oneClass = FightTestData.link(tmp.resolve("one-class"), "noFight/nofi001", "noFight/nofi050");
        CliRun one = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", oneClass.toString());
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.err().contains("warning: every clip of " + oneClass + " stands for ['noFight'], so recall, the "
                + "false-positive rate and ROC AUC are undefined"), one.err());
        // ... and when a class folder is there but empty, the warning names it (it used to leave that to the user)
        Files.createDirectories(oneClass.resolve("fight"));
        CliRun empty = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", oneClass.toString());
        assertEquals(0, empty.exit(), empty.err());
        assertTrue(empty.err().contains("stands for ['noFight'] (no videos in " + oneClass.resolve("fight") + "), so"),
                empty.err());
        assertTrue(e.lines().get(e.lines().size() - 1).startsWith("accuracy="), e.out());
    }

    @Test
    void classFoldersNamedOtherwiseAreMatchedIgnoringCaseOrMappedWithClassMap() throws Exception {
        Path model = tmp.resolve("map.model");
        Path small = smallDataset();
        CliRun t = trainTiny(small, "cnn", model);
        assertEquals(0, t.exit(), t.err());
        // The same six clips under the folder names of RWF-2000: Fight and NonFight.
        Path other = tmp.resolve("rwf");
        for (String[] c : new String[][] {{"fight", "Fight"}, {"noFight", "NonFight"}}) {
            Files.createDirectories(other.resolve(c[1]));
            try (var s = Files.list(small.resolve(c[0]))) {
                for (Path clip : s.toList()) {
                    Files.createSymbolicLink(other.resolve(c[1]).resolve(clip.getFileName()), Files.readSymbolicLink(clip));
                }
            }
        }
        CliRun unmapped = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", other.toString());
        assertEquals(1, unmapped.exit(), unmapped.out());
        assertTrue(unmapped.err().contains("class folder 'NonFight' in " + other + " is not one of the model's classes "
                + "[fight, noFight]; if it holds one of them, say which with --class-map NonFight=<class>"), unmapped.err());
        assertTrue(!unmapped.err().contains("decoding"), "refused before decoding: " + unmapped.err());

        CliRun mapped = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", other.toString(),
                "--class-map", "NonFight=noFight");
        assertEquals(0, mapped.exit(), mapped.err());
        CliRun original = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", small.toString());
        assertEquals(0, original.exit(), original.err());
        String last = original.lines().get(original.lines().size() - 1);
        assertEquals(last, mapped.lines().get(mapped.lines().size() - 1), "Fight read as fight, NonFight as noFight");
        assertTrue(mapped.lines().contains("clips=6"), mapped.out());

        CliRun wrongFolder = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", other.toString(),
                "--class-map", "Violence=fight", "--class-map", "NonFight=noFight");
        assertEquals(1, wrongFolder.exit());
        assertTrue(wrongFolder.err().contains("--class-map Violence=fight: " + other + " has no class folder 'Violence' "
                + "(it has [Fight, NonFight])"), wrongFolder.err());
        CliRun wrongClass = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", other.toString(),
                "--class-map", "NonFight=calm");
        assertEquals(1, wrongClass.exit());
        assertTrue(wrongClass.err().contains("'calm' is not one of the model's classes [fight, noFight]"), wrongClass.err());
        CliRun positive = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", small.toString(),
                "--positive-class", "Fight");
        assertEquals(1, positive.exit());
        assertTrue(positive.err().contains("--positive-class 'Fight' is not one of the model's classes [fight, noFight]"),
                positive.err());

        // Trained on the other names: the normal class is named, and the positive class follows from it.
        Path otherModel = tmp.resolve("rwf.model");
        CliRun noNormal = trainTiny(other, "cnn", otherModel);
        assertEquals(1, noNormal.exit());
        assertTrue(noNormal.err().contains("--normal-class 'noFight' is not a class folder of " + other
                + " (it has [Fight, NonFight]); name the folder of normal clips with --normal-class <folder>"), noNormal.err());
        assertTrue(!noNormal.err().contains("decoding"), "refused before decoding: " + noNormal.err());
        CliRun named = trainTiny(other, "cnn", otherModel, "--normal-class", "NonFight");
        assertEquals(0, named.exit(), named.err());
        CliRun own = CliRun.of("evaluate-classifier", "--model", otherModel.toString(), "--data", other.toString());
        assertEquals(0, own.exit(), own.err());
        assertTrue(own.out().contains(" positive=Fight"), "the class other than the stored normal one: " + own.out());
    }

    @Test
    void multipleInstancePoolingTrainsSavesAndEvaluatesAndNeedsTwoClasses() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("mil.model");
        CliRun t = trainTiny(data, "hybrid", model, "--warm-start", "0", "--pooling", "MULTIPLE_INSTANCE",
                "--instance-sharpness", "3");
        assertEquals(0, t.exit(), t.err());
        try (HybridModel m = HybridModel.load(model)) {
            assertEquals(io.github.crimeanomaly.model.SequencePooling.MULTIPLE_INSTANCE, m.config().sequencePooling());
            // classes [fight, noFight], noFight normal: one frame can show a fight, class 0
            assertEquals(0, m.config().instanceClass());
            assertEquals(3.0, m.config().instanceSharpness());
        }
        CliRun e = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.lines().contains("clips=6"), e.out());

        Path three = FightTestData.link(tmp.resolve("three"), "fight/fi001", "noFight/nofi001");
        java.nio.file.Files.createDirectories(three.resolve("robbery"));
        java.nio.file.Files.createSymbolicLink(three.resolve("robbery/r1.mp4"),
                three.resolve("fight/fi001.mp4").toRealPath());
        CliRun refused = trainTiny(three, "lstm", tmp.resolve("three.model"), "--pooling", "MULTIPLE_INSTANCE");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("--pooling MULTIPLE_INSTANCE needs two class folders (the normal one and the "
                + "one a few frames can show), " + three + " has 3: [fight, noFight, robbery]"), refused.err());
        assertTrue(!refused.err().contains("decoding"), "refused before decoding: " + refused.err());
    }

    @Test
    void detectorFromTheSavedModelScoresAClip() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("hybrid.model");
        CliRun t = CliRun.of("train-classifier", "--data", data.toString(), "--arch", "hybrid", "--out", model.toString(),
                "--epochs", "2", "--warm-start", "1", "--frames", "4", "--size", "32x24");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("trained HYBRID: 2 epochs"), t.out()); // 1 CNN-only + 1 hybrid
        try (HybridModel m = HybridModel.load(model)) {
            assertEquals(Architecture.HYBRID, m.architecture());
        }
        try (ClassifierDetector d = ClassifierDetector.load(model);
             io.github.crimeanomaly.video.VideoFrameSource src = io.github.crimeanomaly.video.VideoFrameSource.open(
                     data.resolve("fight/fi001.mp4"),
                     io.github.crimeanomaly.video.VideoOptions.builder().format(d.inputFormat()).build())) {
            assertEquals("noFight", d.normalClass());
            long[] n = {0};
            d.score(src, s -> {
                assertEquals(n[0]++, s.frameIndex());
                assertEquals(2, s.classProbabilities().size());
            });
            assertTrue(n[0] > 20, "frames scored: " + n[0]);
        }
    }

    @Test
    void calibrateWritesACopyWithTheCameraThresholdAndNeverTouchesTheInput() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("lstm.model");
        CliRun t = trainTiny(data, "lstm", model, "--threshold", "0.05");
        assertEquals(0, t.exit(), t.err());
        byte[] before = Files.readAllBytes(model);
        // normal footage of "the camera": two no-fight clips; 20% of their frames may score at or above
        Path normal1 = data.resolve("noFight/nofi001.mp4");
        Path normal2 = data.resolve("noFight/nofi050.mp4");
        Path out = tmp.resolve("cam.model");
        CliRun c = CliRun.of("calibrate", "--model", model.toString(), "--normal", normal1.toString(), normal2.toString(),
                "--fpr", "0.2", "--allow-lower", "--out", out.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().matches("(?s).*calibrated on 2 normal videos \\(\\d+ frames\\): 20.00% of their frames score .*"), c.out());
        assertTrue(c.out().contains("threshold 0.0500 -> "), c.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model)), "the input model changed");
        double calibrated;
        try (ClassifierDetector d = ClassifierDetector.load(out)) {
            calibrated = d.threshold();
            long frames = 0;
            long flagged = 0;
            for (Path v : List.of(normal1, normal2)) {
                try (io.github.crimeanomaly.video.VideoFrameSource src = io.github.crimeanomaly.video.VideoFrameSource.open(v,
                        io.github.crimeanomaly.video.VideoOptions.builder().format(d.inputFormat()).build())) {
                    for (double x : d.detect(src).scores()) {
                        frames++;
                        flagged += x >= calibrated ? 1 : 0;
                    }
                }
            }
            // about 20% of the normal frames, give or take the runs of frames that share a sample's score
            assertTrue(flagged > 0.1 * frames && flagged < 0.35 * frames, flagged + " of " + frames + " flagged");
        }
        // with dropout concealment: these clips have no dropouts, so the same threshold
        CliRun concealed = CliRun.of("calibrate", "--model", model.toString(), "--normal", normal1.toString(),
                normal2.toString(), "--fpr", "0.2", "--allow-lower", "--conceal-dropouts", "--out",
                tmp.resolve("cam-concealed.model").toString());
        assertEquals(0, concealed.exit(), concealed.err());
        try (ClassifierDetector d = ClassifierDetector.load(tmp.resolve("cam-concealed.model"))) {
            assertEquals(calibrated, d.threshold());
        }
        // without --allow-lower the threshold never falls below the model's own
        CliRun high = CliRun.of("calibrate", "--model", out.toString(), "--normal", normal1.toString(), "--fpr", "0.5",
                "--out", tmp.resolve("cam2.model").toString());
        assertEquals(0, high.exit(), high.err());
        try (ClassifierDetector d = ClassifierDetector.load(tmp.resolve("cam2.model"))) {
            assertTrue(d.threshold() >= calibrated, d.threshold() + " < " + calibrated);
        }
        CliRun same = CliRun.of("calibrate", "--model", model.toString(), "--normal", normal1.toString(),
                "--out", model.toString());
        assertEquals(2, same.exit());
        assertTrue(same.err().contains("--out must not be the input model"), same.err());
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine");
        CliRun existing = CliRun.of("calibrate", "--model", model.toString(), "--normal", normal1.toString(),
                "--out", notes.toString());
        assertEquals(2, existing.exit());
        assertTrue(existing.err().contains("--out " + notes + " exists; give --overwrite to replace it"), existing.err());
        assertEquals("mine", Files.readString(notes));
        CliRun fpr = CliRun.of("calibrate", "--model", model.toString(), "--normal", normal1.toString(), "--fpr", "0.9",
                "--out", tmp.resolve("x.model").toString());
        assertEquals(2, fpr.exit());
        assertTrue(fpr.err().contains("--fpr must be in [0, 0.5], got 0.9"), fpr.err());
        assertTrue(!Files.exists(tmp.resolve("x.model")));
    }

    @Test
    void averageEpochsKeepsAndNamesTheMeanOfTheBestEpochs() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("avg.model");
        CliRun t = CliRun.of("train-classifier", "--data", data.toString(), "--arch", "lstm", "--out", model.toString(),
                "--epochs", "3", "--frames", "4", "--size", "32x24", "--average-epochs", "2");
        assertEquals(0, t.exit(), t.err());
        java.util.regex.Matcher m = Pattern.compile("trained LSTM_ONLY: 3 epochs in [0-9.]+ s, kept the mean of epochs "
                + "([123]), ([123]), the best ([123]) \\(validation loss ").matcher(t.out());
        assertTrue(m.find(), t.out());
        assertTrue(Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2)), t.out());
        assertTrue(m.group(3).equals(m.group(1)) || m.group(3).equals(m.group(2)), "the best is one of the averaged: "
                + t.out());
        assertTrue(Files.exists(model));
    }

    @Test
    void validationZeroTrainsOnEveryClipAndKeepsTheLastEpoch() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("all.model");
        CliRun t = CliRun.of("train-classifier", "--data", data.toString(), "--arch", "lstm", "--out", model.toString(),
                "--epochs", "2", "--frames", "4", "--size", "32x24", "--validation", "0");   // no --warm-start 0 needed
        assertEquals(0, t.exit(), t.err());
        assertTrue(!t.out().contains("held out"), t.out());
        assertTrue(t.out().contains("trained LSTM_ONLY: 2 epochs in "), t.out());
        assertTrue(t.out().contains(", kept the last, train loss "), t.out());
        assertTrue(Files.exists(model));
    }

    @Test
    void refitTrainsAgainOnEveryClipForTheEpochsTheHeldOutClipsChose() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("refit.model");
        CliRun t = CliRun.of("train-classifier", "--data", data.toString(), "--arch", "hybrid", "--out", model.toString(),
                "--epochs", "3", "--warm-start", "1", "--frames", "4", "--size", "32x24", "--refit");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("held out for the best epoch: "), t.out());
        java.util.regex.Matcher m = Pattern.compile("trained HYBRID: held-out training kept epoch ([23]) of 3 "
                + "\\(validation loss [0-9.]+\\); refit on all 6 clips for (\\d) epochs \\(1 of them the CNN's warm start\\)")
                .matcher(t.out());
        assertTrue(m.find(), t.out());
        // the hybrid's epochs after the CNN's: the same count, after one CNN epoch
        assertEquals(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        try (HybridModel h = HybridModel.load(model)) {
            assertEquals(Architecture.HYBRID, h.architecture());
            assertEquals(0.5, ClassifierDetector.storedThreshold(h));
        }

        CliRun both = CliRun.of("train-classifier", "--data", data.toString(), "--out", tmp.resolve("b").toString(),
                "--refit", "--no-refit");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("expected at most one of --refit and --no-refit, got both"), both.err());
        CliRun none = CliRun.of("train-classifier", "--data", data.toString(), "--out", tmp.resolve("n").toString(),
                "--refit", "--validation", "0");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--refit needs held-out clips to choose the epochs: expected --validation in "
                + "(0, 0.5], got 0"), none.err());
        assertTrue(!Files.exists(tmp.resolve("b")) && !Files.exists(tmp.resolve("n")));
    }

    @Test
    void averageEpochsWithoutHeldOutClipsOrWithARefitIsOneClearLine() throws Exception {
        CliRun none = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
                "--average-epochs", "3", "--validation", "0");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--average-epochs 3 averages the epochs with the lowest loss on held-out clips "
                + "and keeps that mean: expected --validation in (0, 0.5] without --refit, got --validation 0"), none.err());
        CliRun refit = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
                "--average-epochs", "2", "--refit");
        assertEquals(2, refit.exit());
        assertTrue(refit.err().contains("got --refit (which keeps a retrained model's last epoch)"), refit.err());
        assertTrue(!Files.exists(tmp.resolve("m")));
    }

    @Test
    void aValidationFractionOutOfRangeOrTooFewVideosIsOneClearLine() throws Exception {
        CliRun big = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
                "--validation", "0.6");
        assertEquals(2, big.exit());
        assertTrue(big.err().contains("--validation must be in [0, 0.5], got 0.6"), big.err());
        // two clips of one class each: nothing of a class can be held out
        Path root = FightTestData.link(tmp.resolve("two"), "fight/fi001", "noFight/nofi001");
        CliRun few = CliRun.of("train-classifier", "--data", root.toString(), "--out", tmp.resolve("m").toString(),
                "--epochs", "2", "--warm-start", "0", "--frames", "4", "--size", "32x24");
        assertEquals(1, few.exit(), few.out());
        assertTrue(few.err().contains("cannot hold out 0.2 of 2 clips by source video for the best epoch"), few.err());
        assertTrue(few.err().contains("use a validation fraction of 0 to train on every clip"), few.err());
        assertTrue(!Files.exists(tmp.resolve("m")));
    }

    @Test
    void rejectsABadSizeNamingTheOption() throws Exception {
        CliRun t = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
                "--size", "64");
        assertEquals(2, t.exit());
        assertTrue(t.err().contains("--size must be WIDTHxHEIGHT like 96x64, got '64'"), t.err());
    }

    @Test
    void fewerEpochsThanTheDefaultWarmStartSayHowToFixIt() throws Exception {
        CliRun t = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
                "--epochs", "3");
        assertEquals(2, t.exit());
        assertTrue(t.err().contains("--warm-start must be 0 (off) or from 1 to --epochs - 1 = 2, got 5 (the default; "
                + "with 3 epochs pass --warm-start 0 or a smaller n)"), t.err());
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() throws Exception {
        CliRun t = CliRun.of("train-classifier", "--data", tmp.toString(), "--out", tmp.resolve("m").toString(),
                "--threshold", "1.5");
        assertEquals(2, t.exit());
        assertTrue(t.err().contains("--threshold must be in [0, 1], got 1.5"), t.err());
        assertTrue(!Files.exists(tmp.resolve("m")));
    }

    @Test
    void evaluatingAModelWithoutClipInputIsOneClearLine() throws Exception {
        Path data = smallDataset();
        Path model = tmp.resolve("plain.model");
        try (HybridModel m = HybridModel.builder().inputShape(8, 8, 1).sequenceLength(4)
                .classification(io.github.crimeanomaly.data.LabelEncoder.ofClasses(List.of("fight", "noFight")))
                .build()) {
            m.save(model);
        }
        CliRun e = CliRun.of("evaluate-classifier", "--model", model.toString(), "--data", data.toString());
        assertEquals(1, e.exit());
        assertTrue(e.err().contains("has no 'clipInput' metadata"), e.err());
    }
}
