package dev.avastream.operators.config;

/** The groups {@code ava config} and docs/configuration.md list the settings in, in this order. */
public enum Section {
    CHUNKING("chunking", "Chunking", "How titles are cut into chunks and handed to the decoders."),
    ANALYSIS("analysis", "Analysis", "Per-frame analysis and the choice of candidate frames within a chunk."),
    HARD_CUTS("hardcut", "Hard-cut detector", "Hard cuts from frame-to-frame content change (HardCutDetector)."),
    GRADUAL("gradual", "Gradual-transition detector",
            "Dissolves and fades from the annotations in frame order (GradualTransitionDetector)."),
    QUALITY("quality", "Quality scorer",
            "How good a still a frame makes: weights and reference points (FrameQualityScorer). "
                    + "A flawless frame scores the sum of the five quality weights; penalties subtract."),
    MODELS("models", "Model annotators",
            "The neural annotators (faces, objects, text, nudity) and the shot type read from them: which frames "
                    + "they run on and their thresholds. See docs/annotators.md."),
    TITLE("title", "Title and pool", "The published candidate set and the candidate pool of each title."),
    RUNTIME("runtime", "Checkpointing and runtime", "Parallelism, checkpoints and timeouts of the job.");

    private final String prefix;
    private final String title;
    private final String description;

    Section(String prefix, String title, String description) {
        this.prefix = prefix;
        this.title = title;
        this.description = description;
    }

    /** The first part of the keys of this section's settings, e.g. {@code hardcut}. */
    public String prefix() { return prefix; }

    public String title() { return title; }

    public String description() { return description; }
}
