package dev.avastream.jobs;

import dev.avastream.jobs.kafka.DeadLetterTopic;
import dev.avastream.jobs.kafka.FeedbackTopic;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.schema.DeadLetter;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.operators.feedback.FeedbackMark;
import dev.avastream.operators.feedback.LearnedWeights;
import dev.avastream.operators.feedback.ProfileWeightLearner;
import dev.avastream.schema.Feedback;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weight profiles learned from the curators' verdicts on {@code ava.feedback}, applied to a job's
 * settings when it starts: every title the job then scores with a profile is scored with that
 * profile's learned weights (docs/feedback.md). One home for {@code ava run}, {@code ava live} and the
 * cluster entry point.
 */
public final class LearnedProfiles {
    private LearnedProfiles() {}

    /** What was learned for each profile (learned or not, with why), from how many records. */
    public record Outcome(List<LearnedWeights> profiles, int records, int unreadable) {}

    /** Learns every profile from {@code feedback} under {@code values}' weights. */
    public static List<LearnedWeights> learn(List<Feedback> feedback, SettingValues values) {
        List<FeedbackMark> marks = new ArrayList<>(feedback.size());
        for (Feedback f : feedback) marks.add(FeedbackTopic.mark(f));
        ProfileWeightLearner learner = new ProfileWeightLearner();
        // learned from the profiles' own weights, never from weights learned before (no drift on a re-read)
        SettingValues base = values;
        for (String profile : WeightProfile.names()) base = base.withLearned(profile, List.of());
        List<LearnedWeights> out = new ArrayList<>();
        for (String profile : WeightProfile.names()) out.add(learner.learn(profile, marks, base));
        return out;
    }

    /**
     * Reads the feedback topic, learns, and puts what was learned into {@code options} (a weight set on
     * the command line still wins); says on {@code notes} what moved for each profile that has marks.
     * A record that is not a verdict is skipped and goes to the feedback dead-letter topic with the
     * reason, once however many starts find it.
     */
    public static Outcome apply(PipelineOptionSet options, String bootstrap, Topics topics, PrintStream notes) {
        String topic = topics.feedback();
        List<DeadLetter> poison = new ArrayList<>();
        List<Feedback> feedback;
        try {
            feedback = FeedbackTopic.readAll(bootstrap, topic, r -> {
                poison.add(deadLetter(r));
                notes.println("ava: skipped a feedback record that is not a curator's verdict: " + r.describe());
            });
            if (!poison.isEmpty()) {
                DeadLetterTopic.Published p = DeadLetterTopic.publishOnce(bootstrap, topics.feedbackDeadLetters(), poison);
                notes.printf(Locale.ROOT, "ava: %d feedback record(s) skipped: %d sent to %s, %d already there%n",
                        poison.size(), p.published(), topics.feedbackDeadLetters(), p.alreadyThere());
            }
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            // the run goes on without what the curators taught: their verdicts stay on the topic for the next one
            notes.println("ava: could not read " + topic + " at " + bootstrap + " (" + e.getMessage()
                    + "): scoring with the profiles' own weights");
            return new Outcome(List.of(), 0, 0);
        }
        List<LearnedWeights> learned = learn(feedback, options.values());
        for (LearnedWeights w : learned) {
            if (w.learned()) {
                options.learn(w.profile(), w.overrides());
                StringBuilder moved = new StringBuilder();
                for (LearnedWeights.Weight x : w.weights()) {
                    if (x.changed()) {
                        moved.append(moved.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f -> %.2f",
                                x.name(), x.current(), x.learned()));
                    }
                }
                notes.printf(Locale.ROOT, "weights of profile %s learned from %d curator marks on %d titles: %s%n", w.profile(),
                        w.marksUsed(), w.titles(), moved.length() == 0 ? "none moved" : moved);
            } else if (w.marksUsed() > 0 || feedback.stream().anyMatch(f -> f.getProfile().equals(w.profile()))) {
                notes.printf(Locale.ROOT, "weights of profile %s not learned: %s%n", w.profile(), w.reason());
            }
        }
        return new Outcome(learned, feedback.size(), poison.size());
    }

    private static DeadLetter deadLetter(FeedbackTopic.Rejected r) {
        return DeadLetter.newBuilder()
                .setTopic(r.topic()).setPartition(r.partition()).setOffset(r.offset())
                .setKey(r.key() == null ? null : ByteBuffer.wrap(r.key()))
                .setValue(r.value() == null ? null : ByteBuffer.wrap(r.value()))
                .setReason(r.describe())
                .setRejectedAtMs(System.currentTimeMillis())
                .build();
    }
}
