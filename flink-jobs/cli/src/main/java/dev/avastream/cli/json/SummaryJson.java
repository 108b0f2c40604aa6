package dev.avastream.cli.json;

import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.runtime.TitleOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.operators.eval.DetectedBoundaries;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Transition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --summary-json} file. One title: the title's last update as {@link ResultJson#update}
 * writes it (progress fields and candidates), plus {@code updates} (how many were read),
 * {@code shots} and {@code transitions} (gradual ones); several titles:
 * {@code {"runId": ..., "titles": [ ...one such object each... ]}}. Units and names as in
 * {@link ResultJson}.
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
        CandidateSetUpdate last = t.last();
        ObjectNode o = last != null ? ResultJson.update(last) : ResultJson.withoutUpdate(t.titleId(), null);
        o.put("updates", t.updates().size());
        ArrayNode shots = o.putArray("shots");
        for (Shot s : t.shots()) shots.add(ResultJson.shot(s));
        ArrayNode transitions = o.putArray("transitions");
        for (Transition g : DetectedBoundaries.transitions(t.shots())) transitions.add(ResultJson.transition(g));
        return o;
    }
}
