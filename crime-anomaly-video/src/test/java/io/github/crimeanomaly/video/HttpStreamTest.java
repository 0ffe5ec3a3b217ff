package io.github.crimeanomaly.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.crimeanomaly.frame.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decoding over HTTP from a local server: a whole file, and a server that stalls mid-stream. */
class HttpStreamTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(byte[] body, int stallAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "video/x-msvideo");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                int n = stallAfter < 0 ? body.length : Math.min(stallAfter, body.length);
                out.write(body, 0, n);
                out.flush();
                if (n < body.length) {
                    release.await(); // stall: send nothing more until the test is over
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException clientGone) {
                // the decoder gave up and closed the connection
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/vtest.avi";
    }

    @Test
    void decodesAWholeVideoOverHttp() throws IOException {
        String url = serve(Files.readAllBytes(SharedData.vtest()), -1);
        VideoOptions opts = VideoOptions.builder().size(64, 48).gray().build();
        VideoInfo info = VideoFrameSource.probe(url, opts);
        assertEquals(768, info.width());
        try (VideoFrameSource src = VideoFrameSource.open(url, opts)) {
            assertTrue(src.frameCount().isEmpty(), "no up-front count promised for URLs");
            long n = 0;
            for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                assertEquals(n * 100_000L, f.get().timestampMicros());
                n++;
            }
            assertEquals(795, n);
        }
    }

    @Test
    void aServerThatStallsMidStreamEndsTheStreamWithinTheReadTimeout() throws IOException {
        byte[] avi = Files.readAllBytes(SharedData.vtest());
        String url = serve(avi, avi.length / 3);
        VideoOptions opts = VideoOptions.builder().size(64, 48).gray()
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build();
        long[] frames = {0};
        IOException[] failure = {null};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (VideoFrameSource src = VideoFrameSource.open(url, opts)) {
                for (Optional<Frame> f = src.next(); f.isPresent(); f = src.next()) {
                    frames[0]++;
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        // The frames before the stall arrive; then the read times out with a VideoConnectionException
        // naming the URL (not a silent end of stream, and never a hang).
        assertTrue(frames[0] > 100 && frames[0] < 795, "frames before the stall: " + frames[0]);
        assertTrue(failure[0] instanceof VideoConnectionException, String.valueOf(failure[0]));
        assertTrue(failure[0].getMessage().contains(url) && failure[0].getMessage().contains("timed out"),
                failure[0].getMessage());
    }
}
