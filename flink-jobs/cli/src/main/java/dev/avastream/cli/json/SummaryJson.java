package dev.avastream.cli.json;

import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.runtime.TitleOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.schema.ColourShare;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Transition;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code --summary-json} file. One title: an object with {@code title}, {@code source},
 * {@code complete}, {@code errors}, {@code shots}, {@code transitions} and {@code candidates}; several
 * titles: {@code {"runId": ..., "titles": [ ...one such object each... ]}}. Frame indices are 0-based
 * in decode order; shot {@code endFrame} is inclusive; times are milliseconds of presentation time.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

    public static void write(RunOutcome outcome, Path file) throws IOException {
        JSON.writeValue(file.toFile(), toJson(outcome));
    }

    public static ObjectNode toJson(RunOutcome outcome) {
        if (outcome.titles().size() == 1) {
            ObjectNode one = title(outcome.titles().values().iterator().next());
            one.put("runId", outcome.runId());
            return one;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", outcome.runId());
        ArrayNode titles = root.putArray("titles");
        for (TitleOutcome t : outcome.titles().values()) titles.add(title(t));
        return root;
    }

    public static ObjectNode title(TitleOutcome t) {
        ObjectNode o = JSON.createObjectNode();
        CandidateSetUpdate last = t.last();
        o.put("title", t.titleId());
        o.put("source", last == null ? null : last.getSource());
        o.put("complete", t.complete());
        o.put("frames", last == null ? 0 : last.getFramesProcessed());
        o.put("updates", t.updates().size());
        ArrayNode errors = o.putArray("errors");
        for (String e : t.errors()) errors.add(e);
        ArrayNode shots = o.putArray("shots");
        for (Shot s : t.shots()) {
            ObjectNode j = shots.addObject();
            j.put("index", s.getIndex());
            j.put("startFrame", s.getStartFrame());
            j.put("endFrame", s.getEndFrame());
            j.put("startMs", ms(s.getStartUs()));
            j.put("endMs", ms(s.getEndUs()));
            j.put("transitionIn", s.getTransitionIn().name());
            j.put("transitionOut", s.getTransitionOut().name());
            j.put("averageMotion", s.getAverageMotion());
            j.put("averageBrightness", s.getAverageBrightness());
            ArrayNode colours = j.putArray("dominantColours");
            for (ColourShare c : s.getDominantColours()) {
                colours.addObject().put("rgb", String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()))
                        .put("share", c.getShare());
            }
            j.put("keyFrame", s.getKeyFrame());
        }
        ArrayNode transitions = o.putArray("transitions");
        for (Transition g : gradualTransitions(t.shots())) {
            ObjectNode j = transitions.addObject();
            j.put("type", g.getType().name());
            j.put("startFrame", g.getStartFrame());
            j.put("endFrame", g.getEndFrame());
            j.put("score", g.getScore());
            components(j, g.getComponents());
        }
        ArrayNode candidates = o.putArray("candidates");
        if (last != null) {
            for (Candidate c : last.getCandidates()) {
                ObjectNode j = candidates.addObject();
                j.put("frameIndex", c.getFrameIndex());
                j.put("timeMs", ms(c.getTimeUs()));
                j.put("shotIndex", c.getShotIndex());
                j.put("score", c.getScore());
                components(j, c.getComponents());
            }
        }
        return o;
    }

    /** The named parts of a score, as the summary writes them for candidates and transitions. */
    private static void components(ObjectNode into, java.util.List<ScoreComponent> components) {
        ArrayNode parts = into.putArray("components");
        for (ScoreComponent sc : components) {
            ObjectNode p = parts.addObject();
            p.put("name", sc.getName());
            p.put("value", sc.getValue());
            p.put("weight", sc.getWeight());
            p.put("contribution", sc.getContribution());
        }
    }

    /** Every gradual transition once, in frame order: shots carry the ones before and after them. */
    public static java.util.List<Transition> gradualTransitions(java.util.List<Shot> shots) {
        java.util.TreeMap<Long, Transition> byStart = new java.util.TreeMap<>();
        for (Shot s : shots) {
            for (Transition t : s.getTransitionsBefore()) byStart.putIfAbsent(t.getStartFrame(), t);
            for (Transition t : s.getTransitionsAfter()) byStart.putIfAbsent(t.getStartFrame(), t);
        }
        return new java.util.ArrayList<>(byStart.values());
    }

    private static double ms(long us) { return Math.round(us / 1000.0 * 1000.0) / 1000.0; }
}
