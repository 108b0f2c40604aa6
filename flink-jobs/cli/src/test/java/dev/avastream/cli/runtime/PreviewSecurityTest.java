package dev.avastream.cli.runtime;

import dev.avastream.cli.preview.PreviewAccess;
import dev.avastream.cli.preview.PreviewServer;
import dev.avastream.jobs.kafka.AvroRecordSerialization;
import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preview server under hostile requests, on raw sockets (so the Host header and the request line
 * are whatever an attacker sends): without or with a wrong token, from a rebound host name, a POST
 * from another origin, path traversal in the page routes, and forged updates on Kafka whose source
 * names a file outside the source roots, a symbolic link out of them, an FFmpeg protocol, a relative
 * path or a title id that would climb out of the exported ZIP. The token never reaches the log.
 */
class PreviewSecurityTest {
    private static final String TOKEN = "s3cret-preview-token-0123456789";

    @TempDir
    static Path dir;
    static String bootstrap;
    static PreviewServer server;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @BeforeAll
    static void forgedUpdatesAndAServer() throws Exception {
        Path root = Files.createDirectories(dir.resolve("videos"));
        Path inside = root.resolve("inside.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(3).gopFrames(15)
                .shotLengths(20, 20).build(), inside);
        Path outside = Files.copy(inside, Files.createDirectories(dir.resolve("elsewhere")).resolve("outside.mp4"));
        Path link = Files.createSymbolicLink(root.resolve("link.mp4"), outside);

        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("inside", inside.toString());
        sources.put("outside", outside.toString());
        sources.put("link", link.toString());
        sources.put("dots", root.resolve("..").resolve("elsewhere").resolve("outside.mp4").toString());
        sources.put("proto", "concat:" + inside + "|" + outside);
        sources.put("relative", "videos/inside.mp4");
        sources.put("../../climb", inside.toString());

        Topics topics = Topics.withPrefix("security-test");
        TopicAdmin.ensureTopics(bootstrap, topics, 1);
        Properties pp = new Properties();
        pp.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, String> e : sources.entrySet()) {
                producer.send(new ProducerRecord<>(topics.candidates(), e.getKey(),
                        AvroRecordSerialization.encode(update(e.getKey(), e.getValue())))).get();
            }
        }
        server = PreviewServer.start(bootstrap, topics, null, "127.0.0.1", 0, 0,
                PreviewAccess.of("127.0.0.1", TOKEN, List.of(root)), new PrintStream(log, true, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!get("/api/titles", bearer(TOKEN)).body().contains("climb")) {
            assertTrue(System.nanoTime() < deadline, "the preview did not read the updates in a minute");
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void everyRouteWantsTheToken() throws Exception {
        for (String path : List.of("/", "/index.html", "/api/titles", "/events", "/api/still?title=inside&frame=0",
                "/api/export/set?title=inside", "/api/query-help")) {
            assertEquals(401, get(path).status(), path + " without a token");
            assertEquals(401, get(path, bearer("s3cret-preview-token-0123456788")).status(), path + " with a wrong token");
        }
        assertEquals(401, get("/api/titles", "Cookie: " + PreviewAccess.COOKIE + "=nope").status());
        assertEquals(200, get("/api/titles", bearer(TOKEN)).status());
    }

    @Test
    void aBrowserLogsInOnceWithTheTokenAndThenCarriesACookie() throws Exception {
        Response login = get("/?token=" + TOKEN);
        assertEquals(303, login.status());
        assertEquals("/", login.header("location"), "the token leaves the address");
        String cookie = login.header("set-cookie");
        assertTrue(cookie.startsWith(PreviewAccess.COOKIE + "=") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict"), cookie);
        Response page = get("/", "Cookie: " + cookie.substring(0, cookie.indexOf(';')));
        assertEquals(200, page.status());
        assertTrue(page.body().contains("AVA Stream preview"));
        assertEquals(401, get("/?token=wrong-token-wrong-token").status());
    }

    @Test
    void aReboundHostNameAndAForeignOriginAreRefused() throws Exception {
        assertEquals(403, request("GET", "/api/titles", "evil.example:" + server.port(), bearer(TOKEN)).status(),
                "a page whose name resolves to 127.0.0.1 (DNS rebinding)");
        Response post = request("POST", "/api/feedback?title=inside&frame=0&verdict=PICK", "localhost:" + server.port(),
                bearer(TOKEN), "Origin: http://evil.example");
        assertEquals(403, post.status(), post.body());
        assertEquals(200, request("GET", "/api/titles", "[::1]:" + server.port(), bearer(TOKEN)).status(),
                "a loopback literal is fine");
    }

    @Test
    void pageRoutesDoNotClimbOutOfTheirResources() throws Exception {
        for (String path : List.of("/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/preview/../index.html", "/index.html%00.js", "/META-INF/MANIFEST.MF")) {
            Response r = get(path, bearer(TOKEN));
            assertTrue(r.status() == 404 || r.status() == 400, path + " answered " + r.status());
            assertFalse(r.body().contains("root:") || r.body().contains("Manifest-Version"), path);
        }
    }

    @Test
    void stillsDecodeOnlyRegularFilesUnderTheSourceRoots() throws Exception {
        Response ok = get("/api/still?title=inside&frame=0", bearer(TOKEN));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("image/jpeg", ok.header("content-type"));
        for (String title : List.of("outside", "link", "dots", "proto", "relative")) {
            for (String route : List.of("/api/still?title=%s&frame=0", "/api/export/still?title=%s&frame=0",
                    "/api/export/crop?title=%s&frame=0&canvas=16:9", "/api/frame?title=%s&frame=0&t=0",
                    "/api/export/set?title=%s")) {
                Response r = get(String.format(Locale.ROOT, route, title), bearer(TOKEN));
                assertEquals(403, r.status(), title + " via " + route + ": " + r.body());
            }
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("outside the preview's source roots"));
    }

    @Test
    void aTitleIdCannotClimbOutOfTheExportedZip() throws Exception {
        Response zip = get("/api/export/set?title=..%2F..%2Fclimb", bearer(TOKEN));
        assertEquals(200, zip.status(), zip.body());
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.bytes()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) names.add(e.getName());
        }
        assertFalse(names.isEmpty());
        for (String n : names) {
            assertEquals(2, n.split("/").length, n);
            for (String part : n.split("/")) assertFalse(part.equals("..") || part.equals(".") || part.isEmpty(), n);
        }
        assertFalse(zip.header("content-disposition").contains("/"), zip.header("content-disposition"));
    }

    @Test
    void noTokenNoRootsNoServiceBeyondLoopback() {
        Path root = dir.resolve("videos");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PreviewAccess.of("0.0.0.0", null, List.of(root)));
        assertTrue(e.getMessage().contains("token"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreviewAccess.of("0.0.0.0", TOKEN, List.of()));
        assertTrue(e.getMessage().contains("--source-root"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PreviewAccess.of("127.0.0.1", "short", List.of()));
        assertTrue(e.getMessage().contains("16 characters"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PreviewServer.start(bootstrap, Topics.defaults(), null, "0.0.0.0", 0, 0, System.err),
                "the tokenless start binds loopback only");
    }

    @Test
    void theTokenNeverReachesTheLog() throws Exception {
        get("/api/titles", bearer("s3cret-preview-token-0123456788"));
        get("/?token=" + TOKEN);
        get("/api/still?title=outside&frame=0", bearer(TOKEN));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains(TOKEN) || logged.contains("s3cret"), logged);
    }

    // ---- a raw HTTP/1.1 client -----------------------------------------------------------------

    record Response(int status, Map<String, String> headers, byte[] bytes) {
        String body() { return new String(bytes, StandardCharsets.ISO_8859_1); }

        String header(String name) { return headers.getOrDefault(name, ""); }
    }

    private static String bearer(String token) { return "Authorization: Bearer " + token; }

    private static Response get(String path, String... headers) throws IOException {
        return request("GET", path, "localhost:" + server.port(), headers);
    }

    private static Response request(String method, String path, String host, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (String h : headers) req.append(h).append("\r\n");
            req.append("Connection: close\r\nContent-Length: 0\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String statusLine = line(in);
            Map<String, String> hs = new LinkedHashMap<>();
            for (String l; !(l = line(in)).isEmpty(); ) {
                int colon = l.indexOf(':');
                hs.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            if (path.startsWith("/events") && status == 200) return new Response(status, hs, new byte[0]); // a stream
            byte[] body;
            if ("chunked".equalsIgnoreCase(hs.get("transfer-encoding"))) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (int n; (n = Integer.parseInt(line(in).trim(), 16)) > 0; ) {
                    b.write(in.readNBytes(n));
                    line(in);
                }
                body = b.toByteArray();
            } else if (hs.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(hs.get("content-length")));
            } else {
                body = method.equals("HEAD") || status == 303 || status == 204 ? new byte[0] : in.readAllBytes();
            }
            return new Response(status, hs, body);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) if (c != '\r') b.write(c);
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static CandidateSetUpdate update(String title, String source) {
        Candidate c = Candidate.newBuilder().setFrameIndex(0).setTimeUs(0).setShotIndex(0).setScore(1.0)
                .setThumbnailWidth(320).setThumbnailHeight(180).build();
        return CandidateSetUpdate.newBuilder().setRunId("run-security").setTitleId(title).setSource(source)
                .setVersion(1).setChunksReceived(1).setChunksAssembled(1).setChunkCount(1).setFramesProcessed(40)
                .setShotsClosed(2).setPoolSize(1).setComplete(true).setCandidates(List.of(c))
                .setEmittedAtMs(System.currentTimeMillis()).build();
    }
}
