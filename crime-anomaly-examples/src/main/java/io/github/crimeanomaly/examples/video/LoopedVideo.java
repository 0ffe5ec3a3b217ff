package io.github.crimeanomaly.examples.video;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.FrameFormat;
import io.github.crimeanomaly.frame.FrameSource;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A long stream made by playing one video file over and over, with frame indices and timestamps
 * running on across the loops: a one-hour "camera" from an 80-second clip. Re-opens the file
 * (a fresh native decoder) for every loop, as a reconnecting stream would.
 */
public final class LoopedVideo implements FrameSource {

    private final Path file;
    private final VideoOptions options;
    private final long totalFrames;
    private VideoFrameSource current;
    private long emitted;
    private long loopOffsetFrames;
    private long loopOffsetMicros;
    private long lastIndexInLoop = -1;
    private long lastTsInLoop;
    private final double fps;
    private final FrameFormat format;

    /**
     * @param file        the video to loop
     * @param options     decoding options (every frame must be kept: no sampling or range)
     * @param totalFrames how many frames to yield in all
     */
    public LoopedVideo(Path file, VideoOptions options, long totalFrames) throws IOException {
        if (!options.keepsEveryFrame() || options.hasRange()) {
            throw new IllegalArgumentException("LoopedVideo needs every frame (no sampling or range), got " + options);
        }
        if (totalFrames < 1) {
            throw new IllegalArgumentException("totalFrames must be >= 1, got " + totalFrames);
        }
        this.file = file;
        this.options = options;
        this.totalFrames = totalFrames;
        this.current = VideoFrameSource.open(file, options);
        this.fps = current.info().fps() > 0 ? current.info().fps() : 25;
        this.format = current.format();
    }

    @Override
    public Optional<Frame> next() throws IOException {
        while (emitted < totalFrames) {
            Optional<Frame> f = current.next();
            if (f.isPresent()) {
                Frame fr = f.get();
                lastIndexInLoop = fr.index();
                lastTsInLoop = fr.timestampMicros();
                emitted++;
                return Optional.of(fr.withPosition(loopOffsetFrames + fr.index(), loopOffsetMicros + fr.timestampMicros()));
            }
            if (lastIndexInLoop < 0) {
                throw new IOException("no frames in " + file + "; cannot loop it");
            }
            current.close();
            loopOffsetFrames += lastIndexInLoop + 1;
            loopOffsetMicros += lastTsInLoop + Math.round(1e6 / fps);
            lastIndexInLoop = -1;
            current = VideoFrameSource.open(file, options);
        }
        return Optional.empty();
    }

    @Override
    public FrameFormat format() {
        return format;
    }

    @Override
    public OptionalLong frameCount() {
        return OptionalLong.of(totalFrames);
    }

    @Override
    public OptionalDouble fps() {
        return OptionalDouble.of(fps);
    }

    @Override
    public String description() {
        return file + " (looped, " + totalFrames + " frames)";
    }

    @Override
    public void close() {
        current.close();
    }
}
