package io.github.crimeanomaly.video.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;

class FFmpegSupportTest {

    @Test
    void javaCvHintsForItsOwnApiAreLeftOut() {
        String raw = "avcodec_find_decoder() error: Unsupported audio format or codec not found: 0. "
                + "(For more details, make sure FFmpegLogCallback.set() has been called.)";
        assertEquals("avcodec_find_decoder() error: Unsupported audio format or codec not found: 0.",
                FFmpegSupport.withoutJavaCvHints(raw));
        assertEquals("Could not open input \"x.mp4\".", FFmpegSupport.withoutJavaCvHints(
                "Could not open input \"x.mp4\". (Has setFormat() been called?) (For more details, make sure "
                        + "FFmpegLogCallback.set() has been called.)"));
        assertEquals("a message (with a parenthesis) of its own",
                FFmpegSupport.withoutJavaCvHints("a message (with a parenthesis) of its own"));
    }

    @Test
    void translatedErrorsNameTheFileWithoutTheHints() {
        IOException e = FFmpegSupport.translate("in/clip.mp4", false, "cannot open", new FrameGrabber.Exception(
                "avcodec_find_decoder() error: Unsupported audio format or codec not found: 0. (For more details, "
                        + "make sure FFmpegLogCallback.set() has been called.)"));
        assertTrue(e.getMessage().startsWith("cannot open in/clip.mp4: avcodec_find_decoder() error"), e.getMessage());
        assertFalse(e.getMessage().contains("FFmpegLogCallback"), e.getMessage());
    }
}
