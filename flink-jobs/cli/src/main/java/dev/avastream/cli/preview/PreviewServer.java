package dev.avastream.cli.preview;

import dev.avastream.jobs.kafka.KafkaClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.avastream.cli.export.StillExport;
import dev.avastream.decoders.FrameExtractor;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.cli.SearchCommand;
import dev.avastream.cli.search.FrameStore;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.operators.search.FrameQuery;
import dev.avastream.operators.search.QuerySyntaxException;
import dev.avastream.operators.search.TitleFrameSearch;
import dev.avastream.operators.crop.Canvas;
import dev.avastream.cli.json.AvroJson;
import dev.avastream.jobs.kafka.FeedbackTopic;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.Feedback;
import dev.avastream.schema.FeedbackVerdict;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.CandidateSetUpdate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The live preview page: an HTTP server (the JDK's) that follows ava.candidates, ava.shots and
 * ava.stills from the beginning and serves a single page that updates through server-sent events.
 *
 * <pre>
 * GET /                          the page (static resources under preview/ in the jar)
 * GET /events                    server-sent events: "title" (a title's whole state as JSON) after each
 *                                change, "status" (feed caught up); every title is sent on connect
 * GET /api/titles                every title's state, as the "title" events carry it
 * GET /api/thumb?title=&frame=   a candidate's JPEG thumbnail: its Still from ava.stills (404 until it
 *                                has arrived; a title event names the address once it has)
 * GET /api/still?title=&frame=   the candidate's frame at full resolution, decoded from the title's
 *                                source file (cached)
 * GET /api/candidate?title=&frame=  the candidate's record: score, components, FrameAnnotation
 * GET /api/export/still?title=&frame=  download: the candidate's frame at full resolution as lossless
 *                                PNG, exactly as {@code ava export} writes it
 * GET /api/export/crop?title=&frame=&canvas=  the still's crop for one canvas (16:9, 2:3, 1:1 or
 *                                4:5, as the candidate's crop boxes place it) at full resolution, as
 *                                PNG; add &download=1 to save it
 * GET /api/search?title=&q=&limit=  the title's frames matching a query (docs/search.md), best score
 *                                first, as {@code ava search --json} prints them: every analysed frame
 *                                of its newest run on ava.frames; 400 names a clause that does not parse
 * POST /api/feedback?title=&frame=&verdict=PICK|REJECT|CLEAR  a curator's verdict on a still of the
 *                                title's current run, written to ava.feedback (acknowledged by every
 *                                in-sync replica before the answer) with the still's score components
 *                                and profile; &curator= names who. Answers the record as JSON
 * GET /api/query-help           the query language's reference, as ava search --help-query prints it
 * GET /api/frame?title=&frame=&t=  any frame of the title (t: its time in microseconds), decoded from
 *                                its source at 320 pixels wide, JPEG: the search results' pictures
 * GET /api/export/set?title=     download: the title's current top-K as {@code ava export} writes it
 *                                (the stills as PNG, contact sheet, manifest), in one ZIP
 * </pre>
 */
public final class PreviewServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STILL_CACHE = 24;

    private final HttpServer http;
    private final ExecutorService executor;
    private final PreviewState state;
    private final LiveFeed feed;
    private final String bootstrap;
    private final Topics topics;
    private final PrintStream err;
    private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<String> changed = new LinkedBlockingQueue<>();
    private final Thread broadcaster;
    private final Map<String, byte[]> stills = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) { return size() > STILL_CACHE; }
    };
    private volatile boolean closed;
    private final PreviewAccess access;

    private static final String STATUS = "\u0000status";

    private PreviewServer(HttpServer http, String bootstrap, Topics topics, String onlyTitle, PreviewAccess access,
                          PrintStream err) {
        this.http = http;
        this.access = access;
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.err = err;
        this.state = new PreviewState(onlyTitle, id -> changed.add(id == null ? STATUS : id));
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ava-preview-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        route("/", this::staticFile);
        route("/events", this::events);
        route("/api/titles", this::titles);
        route("/api/thumb", this::thumb);
        route("/api/still", this::still);
        route("/api/candidate", this::candidate);
        route("/api/export/still", this::exportStill);
        route("/api/export/set", this::exportSet);
        route("/api/export/crop", this::exportCrop);
        route("/api/search", this::search);
        route("/api/feedback", this::feedback);
        route("/api/query-help", ex -> send(ex, 200, "text/plain; charset=utf-8",
                FrameQuery.help().getBytes(StandardCharsets.UTF_8)));
        route("/api/frame", this::frame);
        this.feed = new LiveFeed(bootstrap, topics.candidates(), topics.shots(), topics.stills(), true, state, err)
                .followFeedback(topics.feedback());
        this.broadcaster = new Thread(this::broadcast, "ava-preview-events");
        this.broadcaster.setDaemon(true);
    }

    /** Every route goes through the access rules (token, host, origin) first. */
    private void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        http.createContext(path, handler).getFilters().add(access.filter());
    }

    /**
     * Starts following the topics and serving on {@code host:port} (port 0: any free port), on loopback
     * without a token ({@link PreviewAccess#loopbackOnly}): the previews demo and live start.
     *
     * @param tryNextPorts when the port is taken, try up to this many ports after it
     */
    public static PreviewServer start(String bootstrap, Topics topics, String onlyTitle, String host, int port,
                                      int tryNextPorts, PrintStream err) throws IOException {
        if (!PreviewAccess.isLoopback(host)) {
            throw new IllegalArgumentException("a preview without a token binds loopback only, not " + host);
        }
        return start(bootstrap, topics, onlyTitle, host, port, tryNextPorts, PreviewAccess.loopbackOnly(), err);
    }

    /** As above, under {@code access}. */
    public static PreviewServer start(String bootstrap, Topics topics, String onlyTitle, String host, int port,
                                      int tryNextPorts, PreviewAccess access, PrintStream err) throws IOException {
        HttpServer http = null;
        IOException last = null;
        for (int p = port; p <= port + Math.max(0, tryNextPorts) && http == null; p++) {
            try {
                http = HttpServer.create(new InetSocketAddress(host, p), 64);
            } catch (BindException e) {
                last = new BindException("port " + p + " on " + host + " is in use (" + e.getMessage() + ")");
                if (port == 0) break;
            }
        }
        if (http == null) throw last;
        PreviewServer s = new PreviewServer(http, bootstrap, topics, onlyTitle, access, err);
        s.broadcaster.start();
        s.feed.start();
        http.start();
        return s;
    }

    public int port() { return http.getAddress().getPort(); }

    public String url() {
        String host = http.getAddress().getAddress().isAnyLocalAddress() ? "localhost" : http.getAddress().getHostString();
        return "http://" + host + ":" + port() + "/";
    }

    public PreviewState state() { return state; }

    // ---- server-sent events -------------------------------------------------------------------

    private void broadcast() {
        try {
            while (!closed) {
                String first = changed.take();
                java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
                ids.add(first);
                changed.drainTo(ids);
                for (String id : ids) {
                    String msg = id.equals(STATUS) ? statusEvent() : titleEvent(id);
                    if (msg == null) continue;
                    for (BlockingQueue<String> q : clients) q.offer(msg);
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private String titleEvent(String titleId) {
        ObjectNode o = state.titleJson(titleId);
        return o == null ? null : "event: title\ndata: " + o + "\n\n";
    }

    private String statusEvent() {
        ObjectNode o = JSON.createObjectNode();
        o.put("caughtUp", state.isCaughtUp());
        o.put("bootstrapServers", bootstrap);
        o.put("candidatesTopic", topics.candidates());
        o.put("shotsTopic", topics.shots());
        o.put("stillsTopic", topics.stills());
        return "event: status\ndata: " + o + "\n\n";
    }

    private void events(HttpExchange ex) throws IOException {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            // register first, then send the snapshot: a change in between is sent twice, never lost
            clients.add(q);
            StringBuilder snapshot = new StringBuilder("retry: 1000\n\n").append(statusEvent());
            for (String id : state.titleIds()) {
                String m = titleEvent(id);
                if (m != null) snapshot.append(m);
            }
            write(out, snapshot.toString());
            while (!closed) {
                String msg = q.poll(15, TimeUnit.SECONDS);
                write(out, msg == null ? ": keep-alive\n\n" : msg);
            }
        } catch (IOException | InterruptedException e) {
            // the browser went away, or the server is closing
        } finally {
            clients.remove(q);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ---- API ----------------------------------------------------------------------------------

    private void titles(HttpExchange ex) throws IOException {
        ArrayNode a = JSON.createArrayNode();
        for (String id : state.titleIds()) {
            ObjectNode o = state.titleJson(id);
            if (o != null) a.add(o);
        }
        send(ex, 200, "application/json", a.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void candidate(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        Long frame = frame(ex, q);
        if (frame == null) return;
        ObjectNode o = state.candidateJson(q.get("title"), frame);
        if (o == null) {
            notFound(ex, "no candidate frame " + frame + " for title '" + q.get("title") + "'");
            return;
        }
        send(ex, 200, "application/json", o.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void thumb(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        Long frame = frame(ex, q);
        if (frame == null) return;
        byte[] jpeg = state.stillJpeg(q.get("title"), frame);
        if (jpeg == null) {
            notFound(ex, "no still of frame " + frame + " for title '" + q.get("title") + "' (yet)");
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        send(ex, 200, "image/jpeg", jpeg);
    }

    private void still(HttpExchange ex) throws IOException {
        Located at = locate(ex);
        if (at == null) return;
        String key = at.run() + "|" + at.title() + "|" + at.candidate().getFrameIndex();
        byte[] jpeg;
        synchronized (stills) { jpeg = stills.get(key); }
        if (jpeg == null) {
            try {
                jpeg = FrameExtractor.extractJpeg(at.source(), at.candidate().getFrameIndex(), at.candidate().getTimeUs(), 0, 92);
            } catch (VideoDecodeException | RuntimeException e) {
                decodeFailed(ex, at, e);
                return;
            }
            synchronized (stills) { stills.put(key, jpeg); }
        }
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        send(ex, 200, "image/jpeg", jpeg);
    }

    /** A candidate frame of a title's current run, and where its pixels are. */
    private record Located(String title, Candidate candidate, String source, String run) {}

    /** The candidate a request's {@code ?title=&frame=} names; null after answering 400 or 404. */
    private Located locate(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        Long frame = frame(ex, q);
        if (frame == null) return null;
        String title = q.get("title");
        Candidate c = state.candidate(title, frame);
        String[] sourceAndRun = state.sourceAndRun(title);
        if (c == null || sourceAndRun == null) {
            notFound(ex, "no candidate frame " + frame + " for title '" + title + "'");
            return null;
        }
        String source = allowedSource(ex, sourceAndRun[0]);
        if (source == null) return null;
        return new Located(title, c, source, sourceAndRun[1]);
    }

    /** The source as the access rules allow it to be decoded; null after answering 403 (and logging why). */
    private String allowedSource(HttpExchange ex, String source) throws IOException {
        try {
            return access.allowedSource(source).toString();
        } catch (SecurityException e) {
            err.println("ava preview: refused to decode " + e.getMessage());
            send(ex, 403, "text/plain; charset=utf-8", ("refused: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return null;
        }
    }

    /** Answers 502 naming the file and frame that did not decode, and logs it. */
    private void decodeFailed(HttpExchange ex, Located at, Exception e) throws IOException {
        String msg = at.source() + ": cannot decode frame " + at.candidate().getFrameIndex() + ": " + e.getMessage();
        err.println("ava preview: " + msg);
        send(ex, 502, "text/plain; charset=utf-8", msg.getBytes(StandardCharsets.UTF_8));
    }

    /** One still at full resolution as PNG, as a download named after the title and frame. */
    private void exportStill(HttpExchange ex) throws IOException {
        Located at = locate(ex);
        if (at == null) return;
        StillExport.Encoded png;
        try {
            png = StillExport.still(at.source(), at.candidate(), StillExport.Format.png, 0);
        } catch (VideoDecodeException | RuntimeException e) {
            decodeFailed(ex, at, e);
            return;
        }
        ex.getResponseHeaders().set("Content-Disposition",
                attachment(at.title() + "-frame-" + at.candidate().getFrameIndex() + ".png"));
        send(ex, 200, "image/png", png.bytes());
    }

    /** Writes the curators' verdicts, idempotently and acknowledged by all in-sync replicas. */
    private KafkaProducer<String, byte[]> feedbackProducer;

    private synchronized KafkaProducer<String, byte[]> feedbackProducer() {
        if (feedbackProducer == null) {
            java.util.Properties p = KafkaClientConfig.properties(bootstrap);
            p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
            p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "ava-preview-feedback");
            feedbackProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return feedbackProducer;
    }

    /** A curator's verdict on a still: to ava.feedback, answered once the broker has it. */
    private void feedback(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            send(ex, 405, "text/plain; charset=utf-8", "POST a verdict".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Located at = locate(ex);
        if (at == null) return;
        Map<String, String> q = query(ex);
        FeedbackVerdict verdict;
        try {
            verdict = FeedbackTopic.verdict(q.getOrDefault("verdict", ""));
        } catch (IllegalArgumentException e) {
            send(ex, 400, "text/plain; charset=utf-8", "verdict must be PICK, REJECT or CLEAR".getBytes(StandardCharsets.UTF_8));
            return;
        }
        CandidateSetUpdate u = state.lastUpdate(at.title());
        Candidate c = at.candidate();
        Feedback f = Feedback.newBuilder().setTitleId(at.title()).setRunId(at.run()).setProfile(u.getProfile())
                .setFrameIndex(c.getFrameIndex()).setVerdict(verdict).setScore(c.getScore())
                .setComponents(new java.util.ArrayList<>(c.getComponents())).setMarkedAtMs(System.currentTimeMillis())
                .setCurator(q.getOrDefault("curator", "")).setOrigin("preview").build();
        try {
            feedbackProducer().send(new ProducerRecord<>(topics.feedback(), FeedbackTopic.key(at.title(), c.getFrameIndex()),
                    FeedbackTopic.encode(f))).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            String msg = "writing the verdict to " + topics.feedback() + " failed: " + e.getMessage();
            err.println("ava preview: " + msg);
            send(ex, 502, "text/plain; charset=utf-8", msg.getBytes(StandardCharsets.UTF_8));
            return;
        }
        state.feedback(f); // shown at once; the feed delivers the same record again, which changes nothing
        send(ex, 200, "application/json", AvroJson.record(f).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A title's frames, read from ava.frames and indexed, for the version of the title they were read at. */
    private record SearchIndex(long version, FrameStore.TitleFrames frames, TitleFrameSearch index) {}

    /** The last titles searched (a title's frames are read once per version of its candidate set). */
    private final Map<String, SearchIndex> searchIndexes = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchIndex> e) { return size() > 2; }
    };

    private void search(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        String title = q.get("title"), text = q.getOrDefault("q", "");
        CandidateSetUpdate u = title == null ? null : state.lastUpdate(title);
        if (u == null) {
            notFound(ex, "no title '" + title + "'");
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(q.getOrDefault("limit", "48"));
            if (limit < 0) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            send(ex, 400, "text/plain; charset=utf-8", "limit must be a number, 0 or more".getBytes(StandardCharsets.UTF_8));
            return;
        }
        FrameQuery parsed;
        try {
            parsed = FrameQuery.parse(text);
        } catch (QuerySyntaxException e) {
            send(ex, 400, "text/plain; charset=utf-8", e.getMessage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        SearchIndex index;
        synchronized (searchIndexes) {
            index = searchIndexes.get(title);
            if (index == null || index.version() != u.getVersion() || !index.frames().runId().equals(u.getRunId())) {
                FrameStore.TitleFrames frames;
                try {
                    frames = FrameStore.fromKafka(bootstrap, topics.frames(), title);
                } catch (RuntimeException e) {
                    send(ex, 502, "text/plain; charset=utf-8", ("reading " + topics.frames() + " failed: " + e.getMessage())
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (frames == null || !frames.runId().equals(u.getRunId())) {
                    notFound(ex, "no frames of title '" + title + "' (this run) on " + topics.frames()
                            + ": the job writes them unless title.publish-frames=false");
                    return;
                }
                String profile = WeightProfile.known(u.getProfile()) ? u.getProfile() : WeightProfile.DEFAULT.id();
                index = new SearchIndex(u.getVersion(), frames, new TitleFrameSearch(frames.frames(), SettingValues.defaults(), profile));
                searchIndexes.put(title, index);
            }
        }
        ObjectNode answer = SearchCommand.json(index.frames(), index.index(), index.index().search(parsed, limit));
        for (JsonNode h : answer.get("hits")) {
            ((ObjectNode) h).put("thumb", "/api/frame?title=" + PreviewState.enc(title) + "&frame=" + h.get("frameIndex").asLong()
                    + "&t=" + h.get("timeUs").asLong() + "&run=" + PreviewState.enc(u.getRunId()));
        }
        send(ex, 200, "application/json", JSON.writeValueAsBytes(answer));
    }

    /** Any frame of a title at 320 pixels wide, from its source (the search results' pictures). */
    private void frame(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        Long frame = frame(ex, q);
        if (frame == null) return;
        String title = q.get("title");
        String[] sourceAndRun = state.sourceAndRun(title);
        long t;
        try {
            t = Long.parseLong(q.getOrDefault("t", "-1"));
        } catch (NumberFormatException e) {
            t = -1;
        }
        if (sourceAndRun == null || t < 0) {
            notFound(ex, sourceAndRun == null ? "no title '" + title + "'" : "give the frame's time: &t=MICROSECONDS");
            return;
        }
        String source = allowedSource(ex, sourceAndRun[0]);
        if (source == null) return;
        byte[] jpeg;
        try {
            jpeg = FrameExtractor.extractJpeg(source, frame, t, 320, 85);
        } catch (VideoDecodeException | RuntimeException e) {
            String msg = source + ": cannot decode frame " + frame + ": " + e.getMessage();
            err.println("ava preview: " + msg);
            send(ex, 502, "text/plain; charset=utf-8", msg.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        send(ex, 200, "image/jpeg", jpeg);
    }

    /** One crop of a still at full resolution, as PNG: shown in the detail view, or a download. */
    private void exportCrop(HttpExchange ex) throws IOException {
        Located at = locate(ex);
        if (at == null) return;
        String canvas = query(ex).getOrDefault("canvas", "");
        CanvasCrop crop = null;
        for (CanvasCrop k : at.candidate().getCrops()) {
            if (k.getCanvas().equals(canvas) || Canvas.named(k.getCanvas()).fileTag().equals(canvas)) crop = k;
        }
        if (crop == null) {
            notFound(ex, "frame " + at.candidate().getFrameIndex() + " of title '" + at.title() + "' has no crop for canvas '"
                    + canvas + "' (it has: " + String.join(", ", at.candidate().getCrops().stream().map(CanvasCrop::getCanvas).toList()) + ")");
            return;
        }
        StillExport.Encoded png;
        try {
            png = StillExport.crop(at.source(), at.candidate(), crop, StillExport.Format.png, 0);
        } catch (VideoDecodeException | RuntimeException e) {
            decodeFailed(ex, at, e);
            return;
        }
        if ("1".equals(query(ex).get("download"))) {
            ex.getResponseHeaders().set("Content-Disposition", attachment(at.title() + "-frame-"
                    + at.candidate().getFrameIndex() + "-" + Canvas.named(crop.getCanvas()).fileTag() + ".png"));
        }
        ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
        send(ex, 200, "image/png", png.bytes());
    }

    /** The title's current top-K as a ZIP of what {@code ava export} writes. */
    private void exportSet(HttpExchange ex) throws IOException {
        String title = query(ex).get("title");
        CandidateSetUpdate u = title == null ? null : state.lastUpdate(title);
        if (u == null) {
            notFound(ex, "no candidate update for title '" + title + "'");
            return;
        }
        String source = allowedSource(ex, u.getSource());
        if (source == null) return;
        // the title id comes from Kafka: a folder name of safe characters, never a path out of the ZIP
        String folder = safeName(title);
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipped)) {
            StillExport.export(StillExport.Title.of(u, "preview of " + topics.candidates() + " at " + bootstrap), source,
                    StillExport.Format.png, 0, (name, bytes) -> {
                        zip.putNextEntry(new java.util.zip.ZipEntry(folder + "/" + safeName(name)));
                        zip.write(bytes);
                        zip.closeEntry();
                    });
        } catch (VideoDecodeException | RuntimeException e) {
            String msg = u.getSource() + ": cannot export title '" + title + "': " + e.getMessage();
            err.println("ava preview: " + msg);
            send(ex, 502, "text/plain; charset=utf-8", msg.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ex.getResponseHeaders().set("Content-Disposition", attachment(title + "-v" + u.getVersion() + "-stills.zip"));
        send(ex, 200, "application/zip", zipped.toByteArray());
    }

    /** A Content-Disposition for a download, the name kept to safe characters. */
    private static String attachment(String name) {
        return "attachment; filename=\"" + safeName(name) + "\"";
    }

    /** A file name of letters, digits, '.', '_' and '-' only, never '.' or '..'. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.matches("\\.+") ? "_" + safe : safe;
    }

    private static Long frame(HttpExchange ex, Map<String, String> q) throws IOException {
        try {
            if (q.get("title") == null) throw new NumberFormatException("missing title");
            return Long.parseLong(q.getOrDefault("frame", ""));
        } catch (NumberFormatException e) {
            send(ex, 400, "text/plain; charset=utf-8",
                    "give ?title=ID&frame=N (frame a number)".getBytes(StandardCharsets.UTF_8));
            return null;
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> m = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) return m;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            m.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    // ---- static files -------------------------------------------------------------------------

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private void staticFile(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/")) path = "/index.html";
        if (!path.matches("/[a-z0-9-]+\\.(html|js|css|svg)")) {
            notFound(ex, "no such page: " + path);
            return;
        }
        try (InputStream in = PreviewServer.class.getResourceAsStream("/preview" + path)) {
            if (in == null) {
                notFound(ex, "no such page: " + path);
                return;
            }
            String ext = path.substring(path.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            send(ex, 200, TYPES.get(ext), in.readAllBytes());
        }
    }

    private static void notFound(HttpExchange ex, String msg) throws IOException {
        send(ex, 404, "text/plain; charset=utf-8", msg.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            if (body.length > 0) ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        closed = true;
        feed.close();
        synchronized (this) {
            if (feedbackProducer != null) feedbackProducer.close(java.time.Duration.ofSeconds(5));
        }
        broadcaster.interrupt();
        http.stop(0);
        executor.shutdownNow();
    }
}
