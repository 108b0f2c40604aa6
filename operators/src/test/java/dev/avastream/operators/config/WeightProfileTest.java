package dev.avastream.operators.config;

import dev.avastream.operators.rank.ContentScorer;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.operators.title.TitleAssembly;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each weight profile moves the weights it names, the way its reasons say, and nothing else. */
class WeightProfileTest {

    private static final SettingValues DEFAULTS = SettingValues.defaults();

    @Test
    void eachProfileMovesTheWeightsItNamesAndOnlyThose() {
        for (WeightProfile p : WeightProfile.values()) {
            SettingValues resolved = WeightProfile.forTitle(DEFAULTS, p.id());
            Map<Setting<?>, Object> named = new HashMap<>();
            for (ProfileDefault<?> d : p.overrides()) {
                assertTrue(named.put(d.setting(), d.value()) == null, p.id() + " names " + d.setting().key() + " twice");
                assertEquals(Section.QUALITY, d.setting().section(), p.id() + ": a profile moves quality settings only");
                assertNotEquals(d.setting().defaultValue(), d.value(), p.id() + ": " + d.setting().key()
                        + " is set to its default, so the profile does not move it");
                assertTrue(d.reason().endsWith("."), p.id() + ": " + d.setting().key() + " says why");
            }
            for (Setting<?> s : Tunables.all()) {
                if (s == Tunables.QUALITY_PROFILE || !s.hasFixedDefault()) continue;
                Object expected = named.containsKey(s) ? named.get(s) : s.defaultValue();
                assertEquals(expected, resolved.get(s), p.id() + ": " + s.key());
            }
        }
        assertTrue(WeightProfile.DEFAULT.overrides().isEmpty(), "default is the declared weights");
    }

    @Test
    void theProfilesMoveTheirWeightsTheWayTheirReasonsSay() {
        FrameQualityScorer.Params q0 = FrameQualityScorer.Params.defaults();
        ContentScorer.Params c0 = ContentScorer.Params.defaults();
        double main0 = TitleAssembly.Params.defaults().mainCharacterWeight();

        SettingValues drama = DEFAULTS.with(Tunables.QUALITY_PROFILE, "drama");
        ContentScorer.Params c = ContentScorer.Params.from(drama);
        FrameQualityScorer.Params q = FrameQualityScorer.Params.from(drama);
        assertTrue(c.faceWeight() > c0.faceWeight() && c.placementWeight() > c0.placementWeight());
        assertTrue(q.stillnessWeight() > q0.stillnessWeight());
        assertTrue(TitleAssembly.Params.from(drama).mainCharacterWeight() > main0);

        SettingValues kids = DEFAULTS.with(Tunables.QUALITY_PROFILE, "kids");
        c = ContentScorer.Params.from(kids);
        q = FrameQualityScorer.Params.from(kids);
        assertTrue(c.nudityWeight() > c0.nudityWeight() && c.nudityStart() < c0.nudityStart()
                && c.maxNudity() < c0.maxNudity(), "nudity stricter");
        assertTrue(c.textWeight() > c0.textWeight(), "text stricter");
        assertTrue(q.colourfulnessWeight() > q0.colourfulnessWeight(), "colour counts more");

        SettingValues action = DEFAULTS.with(Tunables.QUALITY_PROFILE, "action");
        c = ContentScorer.Params.from(action);
        q = FrameQualityScorer.Params.from(action);
        assertTrue(q.stillnessWeight() < q0.stillnessWeight(), "stillness less");
        assertTrue(c.subjectBlurWeight() < c0.subjectBlurWeight(), "subject blur forgiven");
        assertTrue(q.contrastWeight() > q0.contrastWeight(), "contrast more");
    }

    @Test
    void aWeightSetExplicitlyWinsOverTheProfile() {
        SettingValues v = DEFAULTS.with(Tunables.FACE_WEIGHT, 1.0).with(Tunables.QUALITY_PROFILE, "drama");
        ContentScorer.Params c = ContentScorer.Params.from(v);
        assertEquals(1.0, c.faceWeight(), "set on the command line");
        assertEquals(WeightProfile.forTitle(DEFAULTS, "drama").get(Tunables.PLACEMENT_WEIGHT), c.placementWeight(),
                "the rest from the profile");
        // also when the title names the profile later (a live ingest event)
        assertEquals(1.0, WeightProfile.forTitle(DEFAULTS.with(Tunables.FACE_WEIGHT, 1.0), "drama")
                .get(Tunables.FACE_WEIGHT));
        assertEquals(1.0, TitleAssembly.Params.from(DEFAULTS.with(Tunables.MAIN_CHARACTER_WEIGHT, 1.0))
                .mainCharacterWeight("drama"));
    }

    @Test
    void anUnknownProfileIsRejectedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tunables.QUALITY_PROFILE.parse("horror"));
        assertTrue(e.getMessage().contains("--profile") && e.getMessage().contains("horror")
                && e.getMessage().contains("one of default, drama, kids, action"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightProfile.named("Drama"));
        assertTrue(e.getMessage().contains("'Drama'") && e.getMessage().contains("known: default, drama, kids, action"),
                e.getMessage());
        assertEquals("kids", Tunables.QUALITY_PROFILE.parse(" kids "));
        assertEquals("kids", DEFAULTS.withText("quality.profile", "kids").get(Tunables.QUALITY_PROFILE));
    }
}
