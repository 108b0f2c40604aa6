package dev.avastream.cli;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.jobs.LearnedProfiles;
import dev.avastream.jobs.kafka.FeedbackTopic;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.operators.feedback.LearnedWeights;
import dev.avastream.schema.Feedback;
import dev.avastream.schema.FeedbackVerdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ava feedback}: what the curators' verdicts on {@code ava.feedback} teach each weight profile,
 * learned exactly as a job learns them when it starts (LearnedProfiles): the learned weights against
 * the profile's own, with the evidence behind them.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = {"Show the weights learned from the curators' verdicts on stills.",
                "Reads every verdict on ava.feedback (the preview's Pick and Reject buttons write them), "
                        + "learns each weight profile's quality weights from them as a job does when it "
                        + "starts, and prints the learned weights against the profile's own "
                        + "(docs/feedback.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:reported", "2:bad arguments", "4:reading from Kafka failed"})
public final class FeedbackCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "The Kafka cluster to read the verdicts from. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Report this weight profile only. Default: every profile with verdicts.")
    String profile;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        kafkaConfig.register(bootstrapServers);
        PrintStream out = System.out, err = System.err;
        if (profile != null && !WeightProfile.known(profile)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--profile: " + WeightProfile.unknown(profile));
        }
        List<Feedback> feedback;
        int[] unreadable = {0};
        try {
            feedback = FeedbackTopic.readAll(bootstrapServers, Topics.FEEDBACK, r -> {
                unreadable[0]++;
                err.println("ava feedback: skipped " + r.describe());
            });
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException k) {
            err.println("ava feedback: reading " + Topics.FEEDBACK + " at " + bootstrapServers + " failed: " + k.getMessage());
            return AvaCli.EXIT_JOB_FAILED;
        }
        List<LearnedWeights> shown = new ArrayList<>();
        for (LearnedWeights w : LearnedProfiles.learn(feedback, SettingValues.defaults())) {
            boolean marked = feedback.stream().anyMatch(f -> f.getProfile().equals(w.profile()));
            if (profile != null ? profile.equals(w.profile()) : marked) shown.add(w);
        }
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("topic", Topics.FEEDBACK);
            o.put("records", feedback.size());
            o.put("unreadable", unreadable[0]);
            ArrayNode profiles = o.putArray("profiles");
            for (LearnedWeights w : shown) profiles.add(json(w, feedback));
            out.println(JSON.writeValueAsString(o));
            return AvaCli.EXIT_OK;
        }
        out.printf(Locale.ROOT, "%d verdicts on %s at %s%n", feedback.size(), Topics.FEEDBACK, bootstrapServers);
        if (shown.isEmpty()) out.println("no verdicts for " + (profile != null ? "profile " + profile : "any profile") + " yet");
        for (LearnedWeights w : shown) {
            out.println();
            out.print(w.report());
            out.printf(Locale.ROOT, "marks %d (%d picked, %d rejected), pairs %d, titles %d; pairwise agreement %s -> %s%n",
                    w.marksUsed(), count(feedback, w.profile(), FeedbackVerdict.PICK), count(feedback, w.profile(), FeedbackVerdict.REJECT),
                    w.pairsUsed(), w.titles(), fmt(w.agreementBefore()), fmt(w.agreementAfter()));
        }
        return AvaCli.EXIT_OK;
    }

    private static long count(List<Feedback> feedback, String profile, FeedbackVerdict v) {
        return feedback.stream().filter(f -> f.getProfile().equals(profile) && f.getVerdict() == v).count();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static ObjectNode json(LearnedWeights w, List<Feedback> feedback) {
        ObjectNode o = JSON.createObjectNode();
        o.put("profile", w.profile());
        o.put("learned", w.learned());
        o.put("reason", w.reason());
        o.put("marksUsed", w.marksUsed());
        o.put("picks", count(feedback, w.profile(), FeedbackVerdict.PICK));
        o.put("rejects", count(feedback, w.profile(), FeedbackVerdict.REJECT));
        o.put("pairsUsed", w.pairsUsed());
        o.put("titles", w.titles());
        o.set("agreementBefore", ResultJson.number(w.agreementBefore()));
        o.set("agreementAfter", ResultJson.number(w.agreementAfter()));
        ArrayNode weights = o.putArray("weights");
        for (LearnedWeights.Weight x : w.weights()) {
            weights.addObject().put("component", x.name()).put("setting", x.settingKey()).put("penalty", x.penalty())
                    .put("default", x.current()).put("learned", x.learned()).put("change", x.change());
        }
        return o;
    }
}
