package io.github.crimeanomaly.examples.fight;

import io.github.crimeanomaly.video.ClipFolder;
import io.github.crimeanomaly.classify.ClipClassifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.classify.ClipAugmentation;
import io.github.crimeanomaly.classify.ClipInput;
import io.github.crimeanomaly.split.Split;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison's plumbing on synthetic clips (no video decoding): {@code fight} clips have a
 * bright square jumping around, {@code noFight} clips a still one; groups of three clips stand in
 * for source videos.
 */
class FightComparisonTest {

    private static final String PAIRS_HEADER = "| First | Second | Only the first right | Only the second right | McNemar p "
            + "| Accuracy difference | F1 difference |";

    static final ClipInput IN = new ClipInput(4, 16, 16, ClipInput.Mode.MOTION, 1.0);

    /** 60 synthetic clips in 20 groups of 3; a group holds one class. */
    static ClipFolder synthetic() {
        Random r = new Random(9);
        List<ClipClassifier.Clip> clips = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int group = i / 3;
            int label = group % 2;   // 0 = fight, 1 = noFight (class order is sorted)
            float[][] raw = new float[IN.rawFrames()][256];
            int y = r.nextInt(12);
            int x = r.nextInt(12);
            for (int t = 0; t < raw.length; t++) {
                if (label == 0) {
                    y = r.nextInt(12);
                    x = r.nextInt(12);
                }
                for (int dy = 0; dy < 4; dy++) {
                    for (int dx = 0; dx < 4; dx++) {
                        raw[t][(y + dy) * 16 + x + dx] = 1f;
                    }
                }
            }
            clips.add(new ClipClassifier.Clip("clip" + i, "g" + group, label, raw));
        }
        return new ClipFolder(List.of("fight", "noFight"), clips);
    }

    @Test
    void foldsKeepGroupsWholeAndTestEveryClipOnce() {
        ClipFolder c = synthetic();
        List<Split> folds = FightComparison.groupedFolds(c, 5, 1);
        assertEquals(5, folds.size());
        int[] tested = new int[60];
        for (Split s : folds) {
            assertEquals(60, s.total());
            Map<String, String> partOfGroup = new HashMap<>();
            for (Split.Part p : Split.Part.values()) {
                for (int i : s.indices(p)) {
                    String prev = partOfGroup.put(c.clips().get(i).group(), p.name());
                    assertTrue(prev == null || prev.equals(p.name()), "group split across parts: " + c.clips().get(i));
                }
            }
            s.test().forEach(i -> tested[i]++);
            Set<Integer> val = new HashSet<>(s.validation());
            s.test().forEach(i -> assertTrue(!val.contains(i)));
        }
        int[] once = new int[60];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, tested);
        // 20 groups make at most 20 folds: more used to leave empty folds, which failed only after
        // the split's training ("yTrue must not be empty")
        assertEquals(20, FightComparison.groupedFolds(c, 20, 1).size());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FightComparison.groupedFolds(c, 21, 1));
        assertTrue(e.getMessage().contains("cannot make 21 folds of whole source videos from 20 videos"), e.getMessage());
    }

    @Test
    void comparisonTrainsAllThreeAndWritesTheTable(@TempDir Path dir) throws Exception {
        ClipFolder c = synthetic();
        ClipClassifier.Settings s = new ClipClassifier.Settings(IN, 3, 8, 3e-3, 0, 0, ClipAugmentation.NONE, 5, false,
                io.github.crimeanomaly.model.SequencePooling.LAST);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FightComparison.Result r = FightComparison.run(c, s, FightComparison.ARCHITECTURES, 0, true,
                FightComparison.ThresholdRule.VALIDATION_F1, 1, () -> null, new PrintStream(log, true));
        assertEquals(3, r.rows().size());
        int testClips = r.split().testSize();
        for (FightComparison.Row row : r.rows()) {
            assertEquals(testClips, row.test().size());
            assertTrue(row.bestEpoch() >= 1 && row.bestEpoch() <= 3, "best epoch " + row.bestEpoch());
            assertEquals(row.test().accuracy(), (row.test().confusion().count(0, 0) + row.test().confusion().count(1, 1))
                    / (double) testClips, 1e-12);
            // the rule sets the threshold on validation; the 0.5 figures use the same scores
            assertEquals(row.threshold(), row.test().threshold());
            assertArrayEquals(row.test().scores(), row.testAtHalf().scores());
            assertEquals(0.5, row.testAtHalf().threshold());
        }
        assertEquals(FightComparison.ThresholdRule.VALIDATION_F1, r.rule());
        FightComparison.write(r, c, dir);
        List<String> md = Files.readAllLines(dir.resolve("comparison.md"));
        assertTrue(md.get(0).startsWith("| Model | Accuracy | Precision | Recall | F1 | FPR | MSE | ROC AUC | Threshold"),
                md.get(0));
        assertTrue(md.get(2).startsWith("| Hybrid CNN+LSTM | "), md.get(2));
        assertTrue(md.contains("Thresholds: VALIDATION_F1. The same scores at threshold 0.5:"), md.toString());
        // every pair of models: the clips only one gets right differ by the difference of right clips
        int header = md.indexOf(PAIRS_HEADER);
        assertTrue(header > 0 && md.get(header - 2).contains("on the same " + testClips + " test clips"), md.toString());
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        for (int k = 0; k < pairs.length; k++) {
            String[] cells = md.get(header + 2 + k).split("\\|");
            FightComparison.Row a = r.rows().get(pairs[k][0]);
            FightComparison.Row b = r.rows().get(pairs[k][1]);
            assertEquals(" " + FightComparison.name(a.architecture()) + " ", cells[1]);
            assertEquals(" " + FightComparison.name(b.architecture()) + " ", cells[2]);
            int onlyFirst = Integer.parseInt(cells[3].trim());
            int onlySecond = Integer.parseInt(cells[4].trim());
            assertEquals(right(a.test()) - right(b.test()), onlyFirst - onlySecond, md.toString());
            double p = Double.parseDouble(cells[5].trim());
            assertTrue(p > 0 && p <= 1, cells[5]);
            assertEquals((right(a.test()) - right(b.test())) / (double) testClips,
                    Double.parseDouble(cells[6].trim().split(" ")[0]), 5e-4, cells[6]);
        }
        assertFalse(md.get(header + 2 + pairs.length).startsWith("| "), "three pairs, no more: " + md);
        assertEquals(4, Files.readAllLines(dir.resolve("comparison.csv")).size());
        // one line per test clip, in the split's order: truth, and each model's probability and decision
        List<String> predictions = Files.readAllLines(dir.resolve("predictions.csv"));
        assertEquals("clip,source_video,truth,HYBRID_p_fight,HYBRID_predicted,CNN_ONLY_p_fight,CNN_ONLY_predicted,"
                + "LSTM_ONLY_p_fight,LSTM_ONLY_predicted", predictions.get(0));
        assertEquals(testClips + 1, predictions.size());
        List<Integer> test = r.split().test();
        for (int k = 0; k < 3; k++) {
            FightComparison.Row row = r.rows().get(k);
            int rightHere = 0;
            for (int i = 0; i < testClips; i++) {
                String[] cells = predictions.get(i + 1).split(",");
                ClipClassifier.Clip clip = c.clips().get(test.get(i));
                assertEquals(clip.name(), cells[0]);
                assertEquals(clip.group(), cells[1]);
                assertEquals(c.classes().get(clip.label()), cells[2]);
                double p = Double.parseDouble(cells[3 + 2 * k]);
                assertEquals(row.test().scores()[i], p, 1e-6);
                assertEquals(p >= row.threshold() ? "fight" : "noFight", cells[4 + 2 * k]);
                rightHere += cells[4 + 2 * k].equals(cells[2]) ? 1 : 0;
            }
            assertEquals(right(row.test()), rightHere, row.architecture() + ": the file's right clips against the table's");
        }
        byte[] png = Files.readAllBytes(dir.resolve("comparison.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(Files.readString(dir.resolve("confusion.txt")).contains("true \\ predicted"));
        assertTrue(log.toString().contains("split by source video: train "), log.toString());
    }

    @Test
    void crossValidationComparesTheHybridWithEachBaselineOnEveryClipPooledOverTheFolds(@TempDir Path dir) throws Exception {
        ClipFolder c = synthetic();
        ClipClassifier.Settings s = new ClipClassifier.Settings(IN, 1, 8, 3e-3, 0, 0, ClipAugmentation.NONE, 5, false,
                io.github.crimeanomaly.model.SequencePooling.LAST);
        FightComparison.Result r = FightComparison.run(c, s, List.of(io.github.crimeanomaly.model.Architecture.HYBRID,
                        io.github.crimeanomaly.model.Architecture.CNN_ONLY), 3, false, FightComparison.ThresholdRule.HALF, 1,
                () -> null, new PrintStream(new ByteArrayOutputStream()));
        assertTrue(r.rows().isEmpty());
        int hybridRight = 0;
        int cnnRight = 0;
        for (var e : r.cvFolds().entrySet()) {
            assertEquals(3, e.getValue().size(), e.getKey() + " folds");
            assertEquals(c.clips().size(), e.getValue().stream().mapToInt(x -> x.test().size()).sum(), "every clip once");
            int right = e.getValue().stream().mapToInt(x -> right(x.test())).sum();
            if (e.getKey() == io.github.crimeanomaly.model.Architecture.HYBRID) {
                hybridRight = right;
            } else {
                cnnRight = right;
            }
        }
        List<String> md = List.of(FightComparison.markdown(r).split("\\R"));
        int header = md.indexOf(PAIRS_HEADER);
        assertTrue(header > 0 && md.get(header - 2).startsWith("Each pair of models on the same "
                + c.clips().size() + " clips pooled over the folds"), String.join("\n", md));
        String[] cells = md.get(header + 2).split("\\|");
        assertEquals(" Hybrid CNN+LSTM ", cells[1]);
        assertEquals(" CNN only ", cells[2]);
        assertEquals(hybridRight - cnnRight, Integer.parseInt(cells[3].trim()) - Integer.parseInt(cells[4].trim()));
        // merged results keep the folds of both
        assertEquals(r.cvFolds().keySet(), r.merge(new FightComparison.Result(r.split(), List.of(), 0, r.rule(),
                java.util.Map.of(), java.util.Map.of())).cvFolds().keySet());
        assertEquals(FightComparison.means(r.cvFolds().get(io.github.crimeanomaly.model.Architecture.CNN_ONLY))[1],
                r.cvMeans().get(io.github.crimeanomaly.model.Architecture.CNN_ONLY)[1]);

        // every clip once, fold by fold, with the fold model's score; nothing for the split, which did not run
        List<Split> folds = FightComparison.groupedFolds(c, 3, s.seed());
        FightComparison.write(r, c, folds, dir);
        assertFalse(Files.exists(dir.resolve("predictions.csv")), "no split, no predictions.csv");
        assertTrue(Files.readString(dir.resolve("comparison.md")).contains("clips pooled over the folds"));
        List<String> lines = Files.readAllLines(dir.resolve("cv-predictions.csv"));
        assertEquals("fold,clip,source_video,truth,HYBRID_p_fight,HYBRID_predicted,CNN_ONLY_p_fight,CNN_ONLY_predicted",
                lines.get(0));
        assertEquals(c.clips().size() + 1, lines.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        int[] rightInFile = new int[2];
        int line = 1;
        for (int k = 0; k < folds.size(); k++) {
            for (int i = 0; i < folds.get(k).test().size(); i++, line++) {
                String[] cv = lines.get(line).split(",");
                assertEquals(String.valueOf(k + 1), cv[0]);
                ClipClassifier.Clip clip = c.clips().get(folds.get(k).test().get(i));
                assertEquals(clip.name(), cv[1]);
                assertTrue(seen.add(cv[1]), "clip " + cv[1] + " twice");
                assertEquals(c.classes().get(clip.label()), cv[3]);
                for (int m = 0; m < 2; m++) {
                    var arch = m == 0 ? io.github.crimeanomaly.model.Architecture.HYBRID
                            : io.github.crimeanomaly.model.Architecture.CNN_ONLY;
                    assertEquals(r.cvFolds().get(arch).get(k).test().scores()[i], Double.parseDouble(cv[4 + 2 * m]), 1e-6);
                    rightInFile[m] += cv[5 + 2 * m].equals(cv[3]) ? 1 : 0;
                }
            }
        }
        assertEquals(hybridRight, rightInFile[0]);
        assertEquals(cnnRight, rightInFile[1]);
        // folds other than the ones the models were tested on are refused before anything is written
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        assertThrows(IllegalArgumentException.class,
                () -> FightComparison.write(r, c, folds.subList(0, 2), other));
        assertFalse(Files.exists(other.resolve("comparison.md")));
    }

    private static int right(ClipEvaluation e) {
        return e.confusion().count(0, 0) + e.confusion().count(1, 1);
    }

    @Test
    void theLastEpochRegimeTrainsOnTrainAndValidationAndKeepsTheLastWeights() throws Exception {
        ClipFolder c = synthetic();
        Split split = FightComparison.split(c, 5);
        Split merged = FightComparison.regime(c, split, FightComparison.Training.LAST_EPOCH, 5);
        assertTrue(FightComparison.regime(c, split, FightComparison.Training.VALIDATION_PART, 5) == split);
        assertEquals(0, merged.validationSize());
        assertEquals(split.test(), merged.test());
        Set<Integer> expected = new HashSet<>(split.train());
        expected.addAll(split.validation());
        assertEquals(expected, new HashSet<>(merged.train()));

        ClipClassifier.Settings s = new ClipClassifier.Settings(IN, 2, 8, 3e-3, 0, 0, ClipAugmentation.NONE, 5, false,
                io.github.crimeanomaly.model.SequencePooling.LAST);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FightComparison.Result r = FightComparison.run(c, s, List.of(io.github.crimeanomaly.model.Architecture.CNN_ONLY),
                3, true, FightComparison.ThresholdRule.HALF, 1, FightComparison.Training.LAST_EPOCH, () -> null,
                new PrintStream(log, true));
        FightComparison.Row row = r.rows().get(0);
        assertEquals(2, row.bestEpoch(), "the last of 2 epochs is kept");
        assertEquals(split.testSize(), row.test().size());
        assertEquals(0.5, row.threshold());
        assertTrue(log.toString().contains("CNN_ONLY: last epoch 2 (val loss NaN)"), log.toString());
        assertEquals(1, r.cvMeans().size(), "the cross-validation runs in the same regime");

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FightComparison.run(c, s, FightComparison.ARCHITECTURES, 0, true,
                        FightComparison.ThresholdRule.VALIDATION_F1, 1, FightComparison.Training.LAST_EPOCH,
                        () -> null, new PrintStream(log, true)));
        assertTrue(e.getMessage().contains("expected threshold rule HALF, got VALIDATION_F1"), e.getMessage());
    }

    @Test
    void theHeldOutVideosRegimeHoldsOutAFifthOfTheTrainingVideosLikeTrainClassifier() {
        ClipFolder c = synthetic();
        Split split = FightComparison.split(c, 5);
        Split held = FightComparison.regime(c, split, FightComparison.Training.HELD_OUT_VIDEOS, 5);
        assertEquals(split.test(), held.test(), "the test part stays");
        Set<Integer> trainAndVal = new HashSet<>(split.train());
        trainAndVal.addAll(split.validation());
        Set<Integer> heldAll = new HashSet<>(held.train());
        heldAll.addAll(held.validation());
        assertEquals(trainAndVal, heldAll, "the same clips, divided anew");
        assertEquals(0.2, held.validationSize() / (double) trainAndVal.size(), 0.07);
        // whole source videos, both classes held out
        Set<String> valGroups = new HashSet<>();
        held.validation().forEach(i -> valGroups.add(c.clips().get(i).group()));
        held.train().forEach(i -> assertFalse(valGroups.contains(c.clips().get(i).group()), "group split: " + i));
        assertEquals(2, held.validation().stream().map(i -> c.clips().get(i).label()).distinct().count());
        // on every clip it is train-classifier's split of a whole dataset: nothing left to test
        List<Integer> all = java.util.stream.IntStream.range(0, c.clips().size()).boxed().toList();
        Split whole = c.holdOut(all, 0.2, 5);
        assertEquals(0, whole.testSize());
        assertEquals(c.clips().size(), whole.trainSize() + whole.validationSize());
    }

    @Test
    void selectionScoresTheValidationPartNeverTheTestPart() throws Exception {
        ClipFolder c = synthetic();
        ClipClassifier.Settings s = new ClipClassifier.Settings(IN, 2, 8, 3e-3, 0, 0, ClipAugmentation.NONE, 5, false,
                io.github.crimeanomaly.model.SequencePooling.MEAN);
        String line = HybridSelection.validation(c, s, io.github.crimeanomaly.model.Architecture.HYBRID);
        int val = FightComparison.split(c, 5).validationSize();
        assertTrue(line.startsWith("HYBRID frames=4 size=16x16 pooling=MEAN everyFrame=false lstm=32 bi=false skip=false dropout=0.00 l2=0e+00 mirror=false jitter=false: best epoch "),
                line);
        assertTrue(line.contains("validation (" + val + " clips)"), line);
    }

    @Test
    void theHalfRuleKeepsEveryThresholdAtOneHalfAndRepeatsTrainOnTheSameSplit() throws Exception {
        ClipFolder c = synthetic();
        ClipClassifier.Settings s = new ClipClassifier.Settings(IN, 1, 8, 3e-3, 0, 0, ClipAugmentation.NONE, 5, false,
                io.github.crimeanomaly.model.SequencePooling.LAST);
        FightComparison.Result r = FightComparison.run(c, s, List.of(io.github.crimeanomaly.model.Architecture.CNN_ONLY),
                0, true, FightComparison.ThresholdRule.HALF, 2, () -> null, new PrintStream(new ByteArrayOutputStream()));
        FightComparison.Row row = r.rows().get(0);
        assertEquals(0.5, row.threshold());
        assertEquals(row.testAtHalf().f1(), row.test().f1());
        String md = FightComparison.markdown(r);
        assertTrue(!md.contains("Thresholds:"), md);
        // two training seeds on one split: the first is the main row, the second a different model
        List<FightComparison.Row> runs = r.repeats().get(io.github.crimeanomaly.model.Architecture.CNN_ONLY);
        assertEquals(2, runs.size());
        assertTrue(runs.get(0) == row);
        assertEquals(row.test().size(), runs.get(1).test().size());
        assertTrue(!java.util.Arrays.equals(row.test().scores(), runs.get(1).test().scores()),
                "a second training seed gave identical scores");
        assertTrue(md.contains("The same split, 2 training seeds (mean ± standard deviation):"), md);
        assertTrue(md.contains("| CNN only | "), md);
    }

    @Test
    void resultsOfModelsRunApartMergeInOrderOnTheSameSplit() throws Exception {
        ClipFolder c = synthetic();
        ClipClassifier.Settings s = new ClipClassifier.Settings(IN, 1, 8, 3e-3, 0, 0, ClipAugmentation.NONE, 5, false,
                io.github.crimeanomaly.model.SequencePooling.LAST);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        FightComparison.Result cnn = FightComparison.run(c, s, List.of(io.github.crimeanomaly.model.Architecture.CNN_ONLY),
                0, true, FightComparison.ThresholdRule.HALF, 1, () -> null, quiet);
        FightComparison.Result lstm = FightComparison.run(c, s,
                List.of(io.github.crimeanomaly.model.Architecture.LSTM_ONLY), 0, true, FightComparison.ThresholdRule.HALF,
                1, () -> null, quiet);
        FightComparison.Result both = cnn.merge(lstm);
        assertEquals(List.of(io.github.crimeanomaly.model.Architecture.CNN_ONLY,
                io.github.crimeanomaly.model.Architecture.LSTM_ONLY),
                both.rows().stream().map(FightComparison.Row::architecture).toList());
        assertEquals(cnn.seconds() + lstm.seconds(), both.seconds(), 1e-9);
        assertTrue(FightComparison.markdown(both).contains("| LSTM only | "), FightComparison.markdown(both));
        FightComparison.Result otherRule = FightComparison.run(c, s,
                List.of(io.github.crimeanomaly.model.Architecture.LSTM_ONLY), 0, true,
                FightComparison.ThresholdRule.VALIDATION_F1, 1, () -> null, quiet);
        assertThrows(IllegalArgumentException.class, () -> cnn.merge(otherRule));
    }
}
