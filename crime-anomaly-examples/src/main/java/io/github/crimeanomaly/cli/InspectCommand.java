package io.github.crimeanomaly.cli;

import io.github.crimeanomaly.frame.Frame;
import io.github.crimeanomaly.frame.ImageFolderFrameSource;
import io.github.crimeanomaly.video.VideoFrameSource;
import io.github.crimeanomaly.video.VideoInfo;
import io.github.crimeanomaly.video.VideoOptions;
import io.github.crimeanomaly.video.internal.FrameImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code crime-anomaly inspect --video <file|url>}: prints what the container says about a video,
 * then decodes every frame and ends with {@code frames=<number decoded>}. Exit code 1 with a
 * one-line message if the input cannot be opened or decoded.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Describe a video (container, codec, size, fps, duration), then decode every frame.",
                "The last line is frames=<number of frames decoded>."})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--video", required = true, paramLabel = "<file|url|folder>",
            description = "Video file (mp4, avi, mkv, mov, ...), stream URL (rtsp://, http://) or a folder of image "
                    + "frames (each image is read and checked to have the first one's size).")
    String video;

    @Mixin
    DamagedVideoOptions damaged;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "<seconds>",
            description = "Connect and read timeout for network streams (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--max-frames", paramLabel = "<n>",
            description = "Stop after this many frames (for live streams; default: all).")
    Long maxFrames; // null: all

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(timeoutSeconds > 0)) {
            throw Cli.badOption("--timeout must be > 0 seconds, got " + timeoutSeconds);
        }
        if (maxFrames != null && maxFrames < 1) {
            // 0 used to decode one frame and print it as the count, and -1 (the old "all") every frame
            throw Cli.badOption("--max-frames must be >= 1 (leave it out for all frames), got " + maxFrames);
        }
        if (FrameImages.isImageFolder(video)) {
            return inspectFolder(out, err);
        }
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        // Gray at the native size: every frame goes through the decoder and the converter, cheaply.
        VideoOptions opts = damaged.applyTo(VideoOptions.builder().gray().connectTimeout(timeout)
                .readTimeout(timeout)).build();
        long frames = 0;
        try (VideoFrameSource src = VideoFrameSource.open(video, opts)) {
            VideoInfo info = src.info();
            out.println("video=" + video);
            out.println("container=" + info.container());
            out.println("codec=" + info.codec());
            out.println("size=" + info.width() + "x" + info.height());
            out.println(String.format(Locale.ROOT, "fps=%.3f", info.fps()));
            out.println(info.durationMicros() < 0 ? "duration=unknown"
                    : String.format(Locale.ROOT, "duration=%.3fs", info.durationSeconds()));
            out.println("frame_count_estimate=" + (info.frameCountEstimate() < 0 ? "unknown" : info.frameCountEstimate()));
            out.println("audio=" + (info.hasAudio() ? "yes" : "no"));
            out.flush();
            long lastTs = -1;
            // A progress bar (stderr) only for people at a terminal, on files of known length.
            long total = src.frameCount().orElse(-1);
            try (ProgressBar bar = System.console() != null && total > 0
                    ? new ProgressBarBuilder().setTaskName("decoding").setInitialMax(total).setUnit(" frames", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
                for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                    frames++;
                    lastTs = f.get().timestampMicros();
                    if (bar != null && frames % 25 == 0) {
                        bar.stepTo(frames);
                    }
                    if (maxFrames != null && frames >= maxFrames) {
                        break;
                    }
                }
                if (bar != null) {
                    bar.stepTo(frames);
                }
            }
            if (lastTs >= 0) {
                out.println(String.format(Locale.ROOT, "last_timestamp=%.3fs", lastTs / 1e6));
            }
            out.println("corrupt_frames=" + src.corruptFrames()); // concealed by FFmpeg: --allow-corrupt or a stream
            out.println("frames=" + frames);
            out.flush();
            return 0;
        } catch (IOException e) {
            return failed(out, err, frames, e);
        }
    }

    /** The folder, its images' size and kinds, then every image read; the last line is {@code frames=<n>}. */
    private int inspectFolder(PrintWriter out, PrintWriter err) {
        long frames = 0;
        try (ImageFolderFrameSource src = ImageFolderFrameSource.open(Path.of(video),
                ImageFolderFrameSource.Options.nativeGray(ImageFolderFrameSource.DEFAULT_FPS))) {
            out.println("folder=" + video);
            out.println("images=" + src.files().size());
            out.println("size=" + src.format().width() + "x" + src.format().height());
            out.println("kinds=" + src.files().stream().map(f -> {
                String n = f.getFileName().toString();
                return n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            }).distinct().sorted().collect(java.util.stream.Collectors.joining(",")));
            out.println("first=" + src.files().get(0).getFileName() + " last="
                    + src.files().get(src.files().size() - 1).getFileName());
            out.flush();
            for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                frames++;
                if (maxFrames != null && frames >= maxFrames) {
                    break;
                }
            }
            out.println("frames=" + frames);
            out.flush();
            return 0;
        } catch (IOException e) {
            return failed(out, err, frames, e);
        }
    }

    /** One line on stderr naming how far reading got; exit code 1. */
    private static int failed(PrintWriter out, PrintWriter err, long frames, IOException e) {
        out.flush();
        err.println("error: " + (frames > 0 ? "after " + frames + " frames: " : "") + e.getMessage());
        err.flush();
        return 1;
    }
}
