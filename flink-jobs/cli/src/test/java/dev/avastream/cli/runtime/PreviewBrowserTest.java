package dev.avastream.cli.runtime;

import dev.avastream.jobs.PipelineOptions;

import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.cli.preview.PreviewServer;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preview page in a real headless Chromium (Debian's chromium and chromedriver, driven by
 * Selenium): the pipeline runs on a generated video; its real CandidateSetUpdate, Shot and Still
 * records are then published one by one to the topics the preview server follows, and after each
 * update the page must show that version (without reloading) while the title is still ingesting,
 * with every card's thumbnail loaded from its still. Half of the updates go out before their new
 * stills (a consumer may see them in either order): their cards wait for the picture, then show it.
 * Clicking a still opens the full-resolution frame and its annotations; the browser console must stay
 * free of errors.
 */
class PreviewBrowserTest {
    static final int WIDTH = 480, HEIGHT = 270;

    @TempDir
    static Path dir;
    static String bootstrap;
    static TitleOutcome title;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    static ChromeDriver driver;

    @BeforeAll
    static void runPipelineAndStartBrowser() throws Exception {
        Path chromium = Path.of(System.getProperty("ava.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("ava.chromedriver", "/usr/bin/chromedriver"));
        assertTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "the preview browser test needs Debian's chromium and chromedriver (" + chromium + ", " + chromedriver
                        + "): apt-get install -y chromium chromium-driver (.ci/run does), or point -Dava.chromium"
                        + " and -Dava.chromedriver at them");

        Path video = dir.resolve("preview.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder()
                .size(WIDTH, HEIGHT).fps(30).seed(7).gopFrames(30)
                .shotLengths(30, 40, 50, 20, 40, 45).build(), video);
        PipelineOptions p = PipelineOptions.defaults().withParallelism(2)
                .withChunks(new ChunkSourceOptions(1.0, 0)).withCheckpointInterval(Duration.ofMillis(300));
        RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("preview", video.toString())),
                AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p).withRestartAttempts(0), null);
        title = outcome.titles().get("preview");
        assertNotNull(title, "the pipeline published nothing for the title");
        assertTrue(title.complete() && title.updates().size() >= 3, "want several versions, got " + title.updates().size());

        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"),
                "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) driver.quit();
    }

    @Test
    void candidateUpdatesAppearLiveAndStillsOpenAtFullResolution() throws Exception {
        Topics topics = Topics.withPrefix("preview-test");
        TopicAdmin.ensureTopics(bootstrap, topics, 1);
        Properties pp = new Properties(); // Kafka's default 1 MiB max.request.size: no record comes near it
        pp.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (PreviewServer server = PreviewServer.start(bootstrap, topics, null, "127.0.0.1", 0, 0, System.err);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            driver.get(server.url());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> "live".equals(d.findElement(By.id("conn")).getAttribute("data-state")));
            assertEquals("AVA Stream preview", driver.getTitle());
            assertTrue(driver.findElements(By.cssSelector("section.title")).isEmpty(), "no title before any update");
            JavascriptExecutor js = driver;
            js.executeScript("window.__sameDocument = 'ava';");

            List<Shot> shots = new ArrayList<>(title.shots());
            int shotsSent = 0;
            List<CandidateSetUpdate> updates = title.updates();
            List<Long> latencies = new ArrayList<>();
            Set<Long> stillsSent = new HashSet<>();
            int lateStills = 0;
            int withNewStills = 0;
            for (int k = 0; k < updates.size(); k++) {
                CandidateSetUpdate u = updates.get(k);
                // the shots the job closed by this update, the stills new in it and the update, as the job
                // publishes them; every other update goes out before its stills
                while (shotsSent < shots.size() && shots.get(shotsSent).getEndFrame() < u.getFramesProcessed()) {
                    Shot s = shots.get(shotsSent++);
                    producer.send(new ProducerRecord<>(topics.shots(), s.getTitleId(), bytes(s.toByteBuffer()))).get();
                }
                List<Still> newStills = new ArrayList<>();
                for (Candidate c : u.getCandidates()) {
                    if (stillsSent.add(c.getFrameIndex())) {
                        Still s = title.still(c.getFrameIndex());
                        assertNotNull(s, "the run published a still of frame " + c.getFrameIndex());
                        newStills.add(s);
                    }
                }
                // every other update that brings new stills sends them late; by index parity alone, a run
                // whose chunks arrived out of order could put all updates with new stills on odd indices
                boolean stillsLate = !newStills.isEmpty() && withNewStills++ % 2 == 0;
                if (!stillsLate) sendStills(producer, topics, newStills);
                producer.send(new ProducerRecord<>(topics.candidates(), u.getTitleId(), bytes(u.toByteBuffer()))).get();
                long acked = System.currentTimeMillis();

                String version = Long.toString(u.getVersion());
                wait.until(d -> {
                    List<WebElement> s = d.findElements(By.cssSelector("section.title[data-title='preview']"));
                    return !s.isEmpty() && version.equals(s.get(0).getAttribute("data-version"));
                });
                WebElement section = driver.findElement(By.cssSelector("section.title[data-title='preview']"));
                assertEquals(Boolean.toString(u.getComplete()), section.getAttribute("data-complete"));
                List<String> frames = new ArrayList<>();
                for (WebElement card : section.findElements(By.cssSelector(".card"))) frames.add(card.getAttribute("data-frame"));
                List<String> expected = new ArrayList<>();
                for (Candidate c : u.getCandidates()) expected.add(Long.toString(c.getFrameIndex()));
                assertEquals(expected, frames, "cards of version " + version + ", best first");
                assertEquals(u.getChunksAssembled() + "/" + u.getChunkCount(),
                        section.findElement(By.cssSelector(".chunks")).getText());
                assertEquals("ava", js.executeScript("return window.__sameDocument;"),
                        "the page was reloaded to show version " + version);
                Number drawn = (Number) js.executeScript("const r = (window.avaRenders || []).find("
                        + "x => x.title === 'preview' && x.version === " + version + "); return r ? r.at : null;");
                assertNotNull(drawn, "the page records when it drew version " + version);
                latencies.add(drawn.longValue() - acked);
                if (stillsLate) {
                    // the update is on the page, its new stills are not sent yet: those cards wait
                    List<String> waiting = new ArrayList<>();
                    for (WebElement card : section.findElements(By.cssSelector(".card"))) {
                        if (!card.findElements(By.cssSelector(".awaiting")).isEmpty()) waiting.add(card.getAttribute("data-frame"));
                    }
                    assertEquals(newStills.stream().map(x -> Long.toString(x.getFrameIndex())).sorted().toList(),
                            waiting.stream().sorted().toList(), "cards waiting for their still in version " + version);
                    sendStills(producer, topics, newStills);
                    lateStills++;
                }
                assertEveryCardShowsItsStill(wait, u);
                assertEquals("ava", js.executeScript("return window.__sameDocument;"),
                        "the page was reloaded to show the stills of version " + version);
            }
            assertTrue(lateStills > 0, "some stills arrived after their update");
            assertFalse(updates.get(0).getComplete(), "the first version arrived while the title was ingesting");
            // a figure, not an assertion: broker ack of each update to the page having drawn it
            List<Long> sorted = latencies.stream().sorted().toList();
            System.out.println("preview: update acked -> drawn in the page, ms: " + latencies + " (median "
                    + sorted.get(sorted.size() / 2) + ", max " + sorted.get(sorted.size() - 1) + ")");
            while (shotsSent < shots.size()) {
                Shot s = shots.get(shotsSent++);
                producer.send(new ProducerRecord<>(topics.shots(), s.getTitleId(), bytes(s.toByteBuffer()))).get();
            }
            wait.until(d -> d.findElements(By.cssSelector("section.title .timeline .shot")).size() == shots.size());
            CandidateSetUpdate last = updates.get(updates.size() - 1);
            assertEquals(last.getCandidates().size(), driver.findElements(By.cssSelector("section.title .marker")).size());
            assertEveryCardShowsItsStill(wait, last);
            screenshot("preview-page.png");

            // downloads (issue 12): each card's button is the still at full resolution as PNG, and a click on it
            // downloads rather than opening the detail; the title's button is the whole set as ava export writes it
            for (Candidate c : last.getCandidates()) {
                String href = driver.findElement(By.cssSelector(".card[data-frame='" + c.getFrameIndex() + "'] a.download"))
                        .getAttribute("href");
                assertTrue(href.endsWith("/api/export/still?title=preview&frame=" + c.getFrameIndex()), href);
            }
            assertEquals(Boolean.TRUE, js.executeScript("const a = document.querySelector('.card a.download');"
                    + "a.addEventListener('click', e => e.preventDefault(), {once: true}); a.click();"
                    + "return document.getElementById('detail').hidden;"), "a download click does not open the detail");
            @SuppressWarnings("unchecked")
            List<Object> got = (List<Object>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(document.querySelector('.card a.download').href).then(async r => {"
                    + "  const i = await createImageBitmap(await r.blob());"
                    + "  done([r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), i.width, i.height]);"
                    + "}).catch(e => done([String(e)]));");
            assertEquals(200L, ((Number) got.get(0)).longValue(), String.valueOf(got));
            assertEquals("image/png", got.get(1));
            assertTrue(String.valueOf(got.get(2)).startsWith("attachment; filename=\"preview-frame-"), String.valueOf(got));
            assertEquals(WIDTH, ((Number) got.get(3)).intValue(), "full resolution, not the 320-px thumbnail");
            assertEquals(HEIGHT, ((Number) got.get(4)).intValue());
            String setHref = driver.findElement(By.cssSelector("section.title[data-title='preview'] a.download-set")).getAttribute("href");
            java.net.http.HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(setHref)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zip.statusCode(), setHref);
            assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
            List<String> zipEntries = new java.util.ArrayList<>();
            String manifest = null;
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
                for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    zipEntries.add(e.getName());
                    if (e.getName().endsWith("manifest.json")) manifest = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            assertEquals(last.getCandidates().size() * 5 + 2, zipEntries.size(),
                    "the stills, their four crops each, the sheet and the manifest: " + zipEntries);
            assertTrue(zipEntries.contains("preview/01-frame-" + last.getCandidates().get(0).getFrameIndex() + "-2x3.png"),
                    zipEntries.toString());
            assertEquals("preview/01-frame-" + last.getCandidates().get(0).getFrameIndex() + ".png", zipEntries.get(0));
            assertTrue(zipEntries.contains("preview/contact-sheet.png"), zipEntries.toString());
            assertNotNull(manifest, zipEntries.toString());
            assertEquals(last.getCandidates().size(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest)
                    .get("stills").size());

            // feedback (issue 12): Pick and Reject write the curator's verdict to ava.feedback with the still's
            // components and profile; a second click takes it back; the page shows the verdicts again after a reload
            Candidate first = last.getCandidates().get(0), second = last.getCandidates().get(1);
            String firstCard = ".card[data-frame='" + first.getFrameIndex() + "']", secondCard = ".card[data-frame='" + second.getFrameIndex() + "']";
            // clicks and reads go through the page's own script: the card is redrawn whenever the title changes
            java.util.function.Function<String, Object> verdictOf = sel -> js.executeScript(
                    "const c = document.querySelector(arguments[0]); return c ? c.dataset.verdict : null;", sel);
            java.util.function.Consumer<String> click = sel -> js.executeScript("document.querySelector(arguments[0]).click();", sel);
            click.accept(firstCard + " button.verdict.pick");
            wait.until(d -> "PICK".equals(verdictOf.apply(firstCard)));
            assertEquals(Boolean.TRUE, js.executeScript("return document.getElementById('detail').hidden;"), "a verdict click does not open the detail");
            click.accept(secondCard + " button.verdict.reject");
            wait.until(d -> "REJECT".equals(verdictOf.apply(secondCard)));
            click.accept(firstCard + " button.verdict.pick"); // pressed again: taken back
            wait.until(d -> "".equals(verdictOf.apply(firstCard)));
            List<dev.avastream.schema.Feedback> marks = dev.avastream.jobs.kafka.FeedbackTopic.readAll(bootstrap, topics.feedback(),
                    why -> { throw new AssertionError(why); });
            assertEquals(List.of("PICK", "REJECT", "CLEAR"), marks.stream().map(m -> m.getVerdict().name()).toList());
            assertEquals(List.of(first.getFrameIndex(), second.getFrameIndex(), first.getFrameIndex()),
                    marks.stream().map(dev.avastream.schema.Feedback::getFrameIndex).toList());
            assertEquals(first.getComponents(), marks.get(0).getComponents(), "the still's components as published");
            assertEquals(last.getProfile(), marks.get(0).getProfile());
            assertEquals("preview", marks.get(0).getTitleId());
            driver.navigate().refresh();
            wait.until(d -> "REJECT".equals(verdictOf.apply(secondCard)));
            assertEquals("", verdictOf.apply(firstCard), "the CLEAR counts, as the latest");
            assertEquals("true", js.executeScript("return document.querySelector(arguments[0]).getAttribute('aria-pressed');",
                    secondCard + " button.verdict.reject"));
            wait.until(d -> "live".equals(d.findElement(By.id("conn")).getAttribute("data-state")));

            // search (issue 12): the title's query box searches every analysed frame of the run on ava.frames
            dev.avastream.cli.search.FrameStore.TitleFrames frames =
                    dev.avastream.cli.search.FrameStore.fromKafka(bootstrap, Topics.FRAMES, "preview");
            assertNotNull(frames, "the run published its frames");
            for (dev.avastream.schema.FrameRecord f : frames.frames()) {
                producer.send(new ProducerRecord<>(topics.frames(), f.getTitleId(), bytes(f.toByteBuffer())));
            }
            producer.flush();
            WebElement box = driver.findElement(By.cssSelector(".search-block[data-title='preview'] input.query"));
            box.sendKeys("frameIndex >= 10, frameIndex < 14");
            driver.findElement(By.cssSelector(".search-block[data-title='preview'] button")).click();
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("const i = [...document.querySelectorAll("
                    + "\".search-block[data-title='preview'] .hit img\")]; return i.length === 4 && i.every(x => x.complete && x.naturalWidth > 0);"));
            @SuppressWarnings("unchecked")
            List<Object> hitFrames = (List<Object>) js.executeScript("return [...document.querySelectorAll("
                    + "\".search-block[data-title='preview'] .hit\")].map(h => Number(h.dataset.frame)).sort((a, b) => a - b);");
            assertEquals(List.of(10L, 11L, 12L, 13L), hitFrames.stream().map(x -> ((Number) x).longValue()).toList());
            assertEquals(320L, ((Number) js.executeScript("return document.querySelector(\".search-block[data-title='preview'] .hit img\")"
                    + ".naturalWidth;")).longValue(), "each hit shows its own frame");
            String said = driver.findElement(By.cssSelector(".search-block[data-title='preview'] .search-status")).getText();
            assertTrue(said.contains("4 of " + frames.frames().size() + " frames match"), said);
            // the box and its results survive a redraw of the title (a new update arrives while one searches)
            js.executeScript("upsert(Object.assign({}, titles.get('preview')));");
            assertEquals(4L, ((Number) js.executeScript("return document.querySelectorAll(\".search-block[data-title='preview'] .hit\").length;"))
                    .longValue());
            box = driver.findElement(By.cssSelector(".search-block[data-title='preview'] input.query"));
            box.clear();
            box.sendKeys("close-up, smilling");
            driver.findElement(By.cssSelector(".search-block[data-title='preview'] button")).click();
            wait.until(d -> d.findElement(By.cssSelector(".search-block[data-title='preview'] .search-status")).getText().contains("smiling"));
            assertTrue(driver.findElement(By.cssSelector(".search-block[data-title='preview'] .search-status")).getText().contains("smilling"),
                    "a clause that does not parse is named, with the term meant");
            screenshot("preview-search.png");

            // a still at full resolution (the thumbnails are 320 wide) with its annotations
            Candidate best = last.getCandidates().get(0);
            driver.findElement(By.cssSelector(".card[data-frame='" + best.getFrameIndex() + "']")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("detail-annotation")).getAttribute("data-loaded")));
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "const i = document.getElementById('detail-img'); return i.complete && i.naturalWidth > 0;"));
            assertEquals(WIDTH, ((Number) js.executeScript("return document.getElementById('detail-img').naturalWidth;")).intValue());
            assertEquals(HEIGHT, ((Number) js.executeScript("return document.getElementById('detail-img').naturalHeight;")).intValue());
            String annotation = driver.findElement(By.id("detail-annotation")).getText();
            for (String field : List.of("frameIndex", "brightness", "sharpness", "motion", "cutScore", "dominantColours")) {
                assertTrue(annotation.contains(field), "annotation shows " + field + ": " + annotation);
            }
            String components = driver.findElement(By.id("detail-components")).getText();
            assertTrue(components.contains(best.getComponents().get(0).getName()), components);
            // what the models saw, in words and as outlines over the still: one per face, object and text region
            String content = driver.findElement(By.id("detail-content")).getText();
            for (String row : List.of("shot type", "camera", "face", "people", "objects", "text", "nudity")) {
                assertTrue(content.contains(row), "the model fields show " + row + ": " + content);
            }
            var a = best.getAnnotation();
            assertEquals(a.getFaces().size() + a.getObjects().size() + a.getTextRegions().size(),
                    ((Number) js.executeScript("return document.querySelectorAll('#detail-boxes .box:not(.crop)').length;")).intValue(),
                    "outlines drawn for " + a.getFaces() + a.getObjects() + a.getTextRegions());
            // the crops per canvas (issue 12): each cut at full resolution in its aspect, outlined on the still on hover
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("const i = [...document.querySelectorAll("
                    + "'#detail-crops figure.crop img')]; return i.length === 4 && i.every(x => x.complete && x.naturalWidth > 0);"));
            @SuppressWarnings("unchecked")
            List<List<Object>> crops = (List<List<Object>>) js.executeScript("return [...document.querySelectorAll("
                    + "'#detail-crops figure.crop')].map(f => [f.dataset.canvas, f.querySelector('img').naturalWidth,"
                    + " f.querySelector('img').naturalHeight]);");
            assertEquals(List.of("16:9", "2:3", "1:1", "4:5"), crops.stream().map(c -> c.get(0)).toList());
            for (List<Object> c : crops) {
                String[] wh = ((String) c.get(0)).split(":");
                int w = ((Number) c.get(1)).intValue(), h = ((Number) c.get(2)).intValue();
                assertEquals(Double.parseDouble(wh[0]) / Double.parseDouble(wh[1]), (double) w / h, 1.0 / h, c.toString());
                assertTrue(h == HEIGHT || w == WIDTH, "full resolution: " + c);
            }
            assertEquals(Boolean.TRUE, js.executeScript("return document.querySelector(\"#detail-boxes .box.crop[data-canvas='2:3']\").hidden;"));
            new org.openqa.selenium.interactions.Actions(driver)
                    .moveToElement(driver.findElement(By.cssSelector("#detail-crops figure.crop[data-canvas='2:3']"))).perform();
            assertEquals(Boolean.FALSE, js.executeScript("return document.querySelector(\"#detail-boxes .box.crop[data-canvas='2:3']\").hidden;"),
                    "hovering a crop outlines it on the still");
            screenshot("preview-detail.png");

            // the console: nothing logged at error level (a probe warning proves the log is read)
            js.executeScript("console.warn('ava-console-probe');");
            List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
            assertTrue(entries.stream().anyMatch(e -> e.getMessage().contains("ava-console-probe")),
                    "the browser log is read: " + entries);
            // the one expected: Chromium logs the 400 the server answers the query that does not parse
            List<LogEntry> errors = entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .filter(e -> !(e.getMessage().contains("/api/search?title=preview&q=close-up%2C%20smilling")
                            && e.getMessage().contains("status of 400"))).toList();
            assertEquals(List.of(), errors, "browser console errors");
        }
    }

    private static void sendStills(KafkaProducer<String, byte[]> producer, Topics topics, List<Still> stills) throws Exception {
        for (Still s : stills) {
            producer.send(new ProducerRecord<>(topics.stills(), s.getTitleId() + "/" + s.getFrameIndex(),
                    bytes(s.toByteBuffer()))).get();
        }
    }

    /** Every card of the update shows a decoded picture as wide as its still (no card still waiting). */
    private static void assertEveryCardShowsItsStill(WebDriverWait wait, CandidateSetUpdate u) {
        List<Long> widths = new ArrayList<>();
        for (Candidate c : u.getCandidates()) widths.add((long) title.still(c.getFrameIndex()).getWidth());
        wait.until(d -> widths.equals(((JavascriptExecutor) d).executeScript(
                "const cards = [...document.querySelectorAll(\"section.title[data-title='preview'] .card\")];"
                        + "return cards.map(c => { const i = c.querySelector('.thumb img');"
                        + " return i && i.complete ? i.naturalWidth : -1; });")));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static void screenshot(String name) throws Exception {
        Path out = Path.of("target", "preview-screenshots");
        Files.createDirectories(out);
        File f = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), out.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
