package dev.avastream.operators.search;

import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.FrameRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TitleFrameSearchTest {

    /**
     * 60 frames in 3 shots of 20; every 5th frame is a model frame; model frames of shot 0 show
     * character-2, of shot 1 character-1 (smiling on even frames), shot 2 nobody. Sharpness rises with
     * the frame index, so among equal frames a later one scores higher.
     */
    private static List<FrameRecord> title() {
        List<FrameRecord> out = new ArrayList<>();
        for (int f = 0; f < 60; f++) {
            FrameAnnotation a = AnalysedFrame.blankAnnotation(f, f * 40_000L);
            a.setBrightness(0.45);
            a.setContrast(0.2);
            a.setSharpness(0.2 + f / 100.0);
            String who = "";
            if (f % 5 == 0) {
                a.setModelFrame("STRIDE");
                a.setTextCoverage(0.0);
                a.setPersonCount(0);
                if (f < 40) {
                    who = f < 20 ? "character-2" : "character-1";
                    boolean smiling = f >= 20 && f % 10 == 0;
                    a.setFaces(new ArrayList<>(List.of(FaceAnnotation.newBuilder().setX(0.4).setY(0.2).setWidth(0.2)
                            .setHeight(0.4).setScore(0.9).setShare(0.08).setYaw(0).setPitch(0).setRoll(0).setEyeOpenness(0.3)
                            .setEyesOpen(true).setMouthOpenness(0).setMouthOpen(false).setExpression(smiling ? "happy" : "neutral")
                            .build())));
                    a.setFaceCount(1);
                    a.setShotType("CLOSE_UP");
                } else {
                    a.setFaceCount(0);
                    a.setShotType("NO_PEOPLE");
                }
            }
            // shot 0 has four named frames, shot 1 four too: character-1 gets two more on extra model frames
            if (f == 31 || f == 33) {
                a.setModelFrame("CANDIDATE");
                a.setFaceCount(1);
                a.setFaces(new ArrayList<>(List.of(FaceAnnotation.newBuilder().setX(0.4).setY(0.2).setWidth(0.2)
                        .setHeight(0.4).setScore(0.9).setShare(0.08).setYaw(0).setPitch(0).setRoll(0).setEyeOpenness(0.3)
                        .setEyesOpen(true).setMouthOpenness(0).setMouthOpen(false).setExpression("neutral").build())));
                a.setShotType("CLOSE_UP");
                a.setTextCoverage(0.0);
                who = "character-1";
            }
            out.add(FrameRecord.newBuilder().setRunId("r").setTitleId("t").setFrameIndex(f).setTimeUs(f * 40_000L)
                    .setShotIndex(f / 20).setMainCharacter(who).setAnnotation(a).build());
        }
        Collections.reverse(out); // any order in
        return out;
    }

    @Test
    void aQueryReturnsExactlyTheMatchingFramesBestFirst() {
        TitleFrameSearch s = new TitleFrameSearch(title(), SettingValues.defaults(), "default");
        assertEquals(60, s.frameCount());
        assertEquals("character-1", s.mainCharacter(), "six frames against four");

        TitleFrameSearch.Result r = s.search(FrameQuery.parse("close-up, main character, smiling, no text"), -1);
        assertEquals(List.of(20L, 30L), r.hits().stream().map(TitleFrameSearch.Hit::frameIndex).sorted().toList());
        assertEquals(2, r.matched());
        assertEquals(30L, r.hits().get(0).frameIndex(), "the sharper frame first");
        assertTrue(r.hits().get(0).score() > r.hits().get(1).score());

        TitleFrameSearch.Result neutral = s.search(FrameQuery.parse("main character, not smiling"), -1);
        assertEquals(List.of(25L, 31L, 33L, 35L), neutral.hits().stream().map(TitleFrameSearch.Hit::frameIndex).sorted().toList());

        TitleFrameSearch.Result range = s.search(FrameQuery.parse("frameIndex >= 6, frameIndex < 10"), 3);
        assertEquals(4, range.matched());
        assertEquals(60, range.measured(), "frameIndex is always measured");
        assertEquals(List.of(9L, 8L, 7L), range.hits().stream().map(TitleFrameSearch.Hit::frameIndex).toList(),
                "the limit keeps the best three, by score");

        TitleFrameSearch.Result nobody = s.search(FrameQuery.parse("no faces"), -1);
        assertEquals(List.of(40L, 45L, 50L, 55L), nobody.hits().stream().map(TitleFrameSearch.Hit::frameIndex).sorted().toList());
        assertEquals(14, nobody.measured(), "the model frames");
    }

    @Test
    void framesNextToAShotBoundaryScoreLowerThanTheSameFrameMidShot() {
        TitleFrameSearch s = new TitleFrameSearch(title(), SettingValues.defaults(), "default");
        SearchContext ctx = s.context();
        TitleFrameSearch.Result r = s.search(FrameQuery.parse("frameIndex >= 36, frameIndex <= 39"), -1);
        double at37 = r.hits().stream().filter(h -> h.frameIndex() == 37).findFirst().orElseThrow().score();
        double at39 = r.hits().stream().filter(h -> h.frameIndex() == 39).findFirst().orElseThrow().score();
        assertTrue(at37 > at39, "the cut at 40 costs the frame before it, though it is sharper: " + at37 + " vs " + at39);
        assertTrue(Double.isFinite(ctx.score(r.hits().get(0).annotation())));
    }
}
