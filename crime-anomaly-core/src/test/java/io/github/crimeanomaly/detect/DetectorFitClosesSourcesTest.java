package io.github.crimeanomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.crimeanomaly.frame.ForwardingFrameSource;
import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every detector's {@code fit} closes every source it was given, also when one of them fails: the
 * sources after the failing one used to stay open (a decoder and its native memory each).
 */
class DetectorFitClosesSourcesTest {

    /** Counts its closes. */
    private static final class Counted extends ForwardingFrameSource {
        int closes;

        Counted(FrameSource s) {
            super(s);
        }

        @Override
        public void close() throws IOException {
            closes++;
            super.close();
        }
    }

    /** Fails at its third frame, as a truncated file does. */
    private static final class Failing extends ForwardingFrameSource {
        int read;

        Failing(FrameSource s) {
            super(s);
        }

        @Override
        public Optional<Frame> next() throws IOException {
            if (++read == 3) {
                throw new IOException("synthetic read failure at frame 3");
            }
            return super.next();
        }
    }

    private static void check(String name, Function<List<FrameSource>, Object> fit) {
        List<FrameSource> clips = DetectorTestSupport.normalClips(3, 20);
        List<Counted> counted = new ArrayList<>();
        List<FrameSource> sources = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            Counted c = new Counted(i == 0 ? new Failing(clips.get(i)) : clips.get(i));
            counted.add(c);
            sources.add(c);
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> fit.apply(sources), name);
        assertTrue(e.getCause() instanceof IOException && e.getCause().getMessage().contains("synthetic read failure"),
                name + ": " + e);
        for (int i = 0; i < counted.size(); i++) {
            assertTrue(counted.get(i).closes >= 1, name + ": source " + i + " left open");
        }
        assertEquals(1, counted.get(2).closes, name + ": the unreached source is closed once");
    }

    private static Object unchecked(Fit f, List<FrameSource> s) {
        try {
            return f.fit(s);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private interface Fit {
        Object fit(List<FrameSource> s) throws IOException;
    }

    @Test
    void everyDetectorClosesTheSourcesItDidNotReach() {
        check("frame-difference", s -> unchecked(FrameDifferenceDetector.calibrator()::fit, s));
        check("motion-speed", s -> unchecked(MotionSpeedDetector.calibrator()::fit, s));
        check("motion-prediction", s -> unchecked(MotionPredictionDetector.trainer().epochs(1)::fit, s));
        check("normal-only", s -> unchecked(NormalOnlyDetector.trainer().epochs(1)::fit, s));
    }
}
