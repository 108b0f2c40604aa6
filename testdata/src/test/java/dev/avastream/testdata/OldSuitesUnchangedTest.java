package dev.avastream.testdata;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The suites the project's figures are measured on must not change when the generator learns new
 * things: every spec that asks for none of them renders the frames and the truth it rendered before.
 * Held here by fingerprints taken before the edit-suite kinds (wipes, slides, dark shots, light and
 * texture changes, evolving content, strobes, zooms) were added:
 * <ul>
 * <li>the plan: the spec as drawn ({@code toString}: shots, boundaries, events, looks), the cuts,
 *     shots, transitions and events the truth gets, the renderer's shot relations and the timestamps;
 *     pure Java, exact on any machine;</li>
 * <li>the pixels: SHA-256 of the rendered frames (before the encoder, barcode included) of every
 *     fourth frame and every frame of a transition or event; exact with the pinned OpenCV build.</li>
 * </ul>
 * The encoded bytes also depend on FFmpeg's encoder and are not held here. If a pinned OpenCV
 * upgrade legitimately changes the pixels (and so the suites' figures), print the new fingerprints
 * with {@code -Dfingerprint.print=true} and replace them, saying so in the commit.
 */
class OldSuitesUnchangedTest {
    /** name -> plan fingerprint (seeds 1 to 6 of shotSuite and broadSuite, the benchmark of seeds 1 and 2). */
    private static final Map<String, String> PLANS = pairs(
            "shot1-cuts-similar", "88f14e23d9933c87fab33143",
            "shot1-dissolves", "3be6286d3ea0c8ab84fe47e9",
            "shot1-fades", "9747330d6fca3e560ecec572",
            "shot1-flash-pan-motion", "03f8edf812adc2489e45f274",
            "shot1-grain-vfr-offset", "593b9232abadd90367aca1ce",
            "shot1-mixed-24fps", "5a2b162e637713e4a7cbaccb",
            "broad1-short-dissolves", "901969091c9b72e058352aca",
            "broad1-short-fades", "5ec08195d4231f9ccfcebaf2",
            "broad1-fast-cutting", "2eb853349c2c892767caa48c",
            "broad1-heavy-noise", "2c02211538808aa8978807a3",
            "shot2-cuts-similar", "3da47662c873e16fcd1636be",
            "shot2-dissolves", "b1d9425d7d33b50d7ec112ad",
            "shot2-fades", "34e79bb133a11545b26d41a3",
            "shot2-flash-pan-motion", "9b9d075bbe4437cb06f4cc66",
            "shot2-grain-vfr-offset", "ab73f9968773f5d7c0bf080e",
            "shot2-mixed-24fps", "092b20e63cc289f8ce634615",
            "broad2-short-dissolves", "806126e6ac8c433d9d08f78e",
            "broad2-short-fades", "65494633e03781b722ff7059",
            "broad2-fast-cutting", "677381e1c601e94a838512f3",
            "broad2-heavy-noise", "a34b6e0c8e1219f33a0e8b52",
            "shot3-cuts-similar", "5c9d5a884030e4ca2d104093",
            "shot3-dissolves", "c5e9913bf8097021dcddf4fe",
            "shot3-fades", "c9927f0ffbdc3524027524ad",
            "shot3-flash-pan-motion", "18ae33b9c46cb11803cb6542",
            "shot3-grain-vfr-offset", "be0e6fe317967cf554f24ff7",
            "shot3-mixed-24fps", "f00566b54dfc8ff17b55d8c5",
            "broad3-short-dissolves", "ed24d2a2382baa69f258c904",
            "broad3-short-fades", "ca87ce9f72cdd57dd356edc0",
            "broad3-fast-cutting", "fbc79c1bbfd2eb0e73e324b7",
            "broad3-heavy-noise", "1a4e8b33472985d92628d4d7",
            "shot4-cuts-similar", "695843ae644da4f446bfb1f8",
            "shot4-dissolves", "a03ac3578d96eae5ed0377a7",
            "shot4-fades", "16609ee7aa60eb6441c8e27d",
            "shot4-flash-pan-motion", "3e922c18993a7cd6b6415351",
            "shot4-grain-vfr-offset", "7a8f01b39cba5e0c1d5757e7",
            "shot4-mixed-24fps", "382280614cc73bbde3c989aa",
            "broad4-short-dissolves", "42a19cf2c8d703364fadb539",
            "broad4-short-fades", "d627a188536a24e72edbcc3d",
            "broad4-fast-cutting", "fcfd1a5efc63d3a9967c54da",
            "broad4-heavy-noise", "a328ae5913d4d44641910458",
            "shot5-cuts-similar", "d17eb8572b9acce7de11521d",
            "shot5-dissolves", "901400ff0e189b14c71bba24",
            "shot5-fades", "6cd2ad0b8d36fdf387f931d3",
            "shot5-flash-pan-motion", "de78064ff71a7d3dc10ced57",
            "shot5-grain-vfr-offset", "773e5bdde0f4b17b32abd0e9",
            "shot5-mixed-24fps", "5c4c763ffefa6e547b28b3bf",
            "broad5-short-dissolves", "b2d78cc4ea16065e55fc2d3f",
            "broad5-short-fades", "56cc686d421afb412b725913",
            "broad5-fast-cutting", "8ca481ad39a290c95879e371",
            "broad5-heavy-noise", "d42e46b364152aae354a0817",
            "shot6-cuts-similar", "202fffbb028f4115678da5c5",
            "shot6-dissolves", "c50a63d67b2d419aa9673cf6",
            "shot6-fades", "d216a3257152df9d2c8d9795",
            "shot6-flash-pan-motion", "5292a1834bbbef270b14099e",
            "shot6-grain-vfr-offset", "ac5585f093e94613b12fcb3d",
            "shot6-mixed-24fps", "b3201b3c0375420222f44c3c",
            "broad6-short-dissolves", "42db82442ed8f5c97fc1a888",
            "broad6-short-fades", "c266129324276fad311f7639",
            "broad6-fast-cutting", "95bfdbf700695bd5215a287c",
            "broad6-heavy-noise", "d04806bb71b3ff53d97f301a",
            "bench1-benchmark-720p-60s", "578b58ae9da2142801c41ad4",
            "bench2-benchmark-720p-60s", "ca4f80b18e907ac589b6ed1e");
    /** name -> pixel fingerprint (seed 1 of shotSuite and broadSuite). */
    private static final Map<String, String> PIXELS = pairs(
            "shot1-cuts-similar", "9c1e0923d4aff53cba9905ec",
            "shot1-dissolves", "68cc69df7241514293c5b1d1",
            "shot1-fades", "0568a93273bb2eacad2427db",
            "shot1-flash-pan-motion", "c73aacb8bb73cc78ccdc96f3",
            "shot1-grain-vfr-offset", "c4f7cba4e4c5a8a385db7106",
            "shot1-mixed-24fps", "3ce8febe066e1b569cd9d237",
            "broad1-short-dissolves", "0e9fbed4b9720982e74e0ca6",
            "broad1-short-fades", "2c15a96ca8f96b3190132832",
            "broad1-fast-cutting", "7d28ff0e138246a9cdb25885",
            "broad1-heavy-noise", "76596afafedfcffedd385010");

    private static Map<String, String> pairs(String... kv) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static List<SyntheticSuites.Entry> planned() {
        List<SyntheticSuites.Entry> l = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            for (SyntheticSuites.Entry e : SyntheticSuites.shotSuite(seed)) l.add(renamed("shot" + seed + "-", e));
            for (SyntheticSuites.Entry e : SyntheticSuites.broadSuite(seed)) l.add(renamed("broad" + seed + "-", e));
        }
        l.add(renamed("bench1-", SyntheticSuites.shotBenchmark(1)));
        l.add(renamed("bench2-", SyntheticSuites.shotBenchmark(2)));
        return l;
    }

    static List<SyntheticSuites.Entry> rendered() {
        return planned().stream().filter(e -> e.name().startsWith("shot1-") || e.name().startsWith("broad1-")).toList();
    }

    private static SyntheticSuites.Entry renamed(String prefix, SyntheticSuites.Entry e) {
        return new SyntheticSuites.Entry(prefix + e.name(), e.covers(), e.spec());
    }

    static String plan(SyntheticVideoSpec s) throws Exception {
        StringBuilder b = new StringBuilder(s.toString());
        Layout l = new Layout(s.shotLengths(), s.boundaries());
        b.append('|').append(java.util.Arrays.toString(l.cuts())).append('|').append(l.shots()).append('|').append(l.transitions())
                .append('|').append(l.events(s.events())).append('|').append(java.util.Arrays.toString(SyntheticVideoGenerator.timeline(s)))
                .append('|').append(s.bitrate());
        try (SceneRenderer r = new SceneRenderer(s, l)) {
            r.styles().forEach(st -> b.append(',').append(st.relation()));
        }
        return sha(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String pixels(SyntheticVideoSpec s) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Layout l = new Layout(s.shotLengths(), s.boundaries());
        boolean[] take = new boolean[s.frameCount()];
        for (int k = 0; k < take.length; k += 4) take[k] = true;
        for (GroundTruth.Transition t : l.transitions()) for (int k = t.startFrame(); k <= t.endFrame(); k++) take[k] = true;
        for (GroundTruth.Event e : l.events(s.events())) for (int k = e.startFrame(); k <= e.endFrame(); k++) take[k] = true;
        try (FrameComposer c = new FrameComposer(s); Mat m = new Mat(s.height(), s.width(), CV_8UC3)) {
            byte[] buf = new byte[s.width() * s.height() * 3];
            for (int k = 0; k < take.length; k++) {
                if (!take[k]) continue;
                c.render(k, m);
                m.data().get(buf);
                md.update(buf);
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 24);
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 24);
    }

    @Test
    void oldSuitesPlanAsBefore() throws Exception {
        Map<String, String> got = new LinkedHashMap<>();
        for (SyntheticSuites.Entry e : planned()) got.put(e.name(), plan(e.spec()));
        print("PLANS", got);
        assertEquals(PLANS, new java.util.TreeMap<>(got));
    }

    @Test
    void oldSuitesRenderAsBefore() throws Exception {
        Map<String, String> got = new LinkedHashMap<>();
        for (SyntheticSuites.Entry e : rendered()) got.put(e.name(), pixels(e.spec()));
        print("PIXELS", got);
        assertEquals(PIXELS, new java.util.TreeMap<>(got));
    }

    private static void print(String what, Map<String, String> m) {
        if (!Boolean.getBoolean("fingerprint.print")) return;
        StringBuilder b = new StringBuilder(what + ":\n");
        m.forEach((k, v) -> b.append("            \"").append(k).append("\", \"").append(v).append("\",\n"));
        System.out.println(b);
    }
}
