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
    CROPS("crop", "Canvas crops", "Where each published still is cropped for the 16:9, 2:3, 1:1 and 4:5 artwork "
            + "canvases: the largest box of the canvas's aspect, slid so no face is cut, placed by these weights "
            + "(CanvasCropper, docs/crops.md)."),
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
