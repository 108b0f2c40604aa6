package dev.avastream.jobs;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.ProfileDefault;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's options, generated from {@link Tunables}: one option for each setting that has a
 * dedicated name ({@code --top-k}, {@code --chunk-seconds}, {@code --analysis-width}, ...) and
 * {@code --set KEY=VALUE} for any setting. A picocli mixin, used by the cluster entry point
 * ({@link AvaJobMain}) and by every CLI command that runs the pipeline, so they accept the same
 * options with the same defaults and the same checks; help text and defaults come from the settings,
 * so they cannot disagree with the code. A value is checked as it is parsed (an invalid one is a
 * usage error naming the option); rules between settings when the options are built
 * ({@link #pipeline}, {@link #processor}).
 */
@Command(modelTransformer = PipelineOptionSet.Generator.class)
public final class PipelineOptionSet {

    /** The generic option that reaches every setting. */
    public static final String SET_OPTION = "--set";

    private SettingValues values = SettingValues.defaults();
    /** The {@code --set} arguments applied so far, in order. */
    private List<String> assignments = new ArrayList<>();

    /** The values given on the command line (defaults for the rest). */
    public SettingValues values() { return values; }

    /** The run's pipeline options; {@code defaultParallelism} when no parallelism was given. */
    public PipelineOptions pipeline(int defaultParallelism) {
        return PipelineOptions.from(values, defaultParallelism);
    }

    /** The chunk processor's configuration (analysis width, detector, scorer, candidates). */
    public ChunkProcessor.Config processor() {
        return ChunkProcessor.Config.from(values);
    }

    /** Sets one value, as the option for it does (checked). */
    public <T> void set(Setting<T> setting, T value) {
        values = values.with(setting, value);
    }

    /**
     * Scores titles of {@code profile} with weights learned from curator feedback
     * ({@link SettingValues#withLearned}): over the profile's own, under what the command line set.
     */
    public void learn(String profile, List<ProfileDefault<?>> weights) {
        values = values.withLearned(profile, weights);
    }

    /**
     * Puts other defaults under the values given so far (e.g. {@link Tunables#LIVE_DEFAULTS} for a live
     * job): a setting given on the command line keeps its value, the others take the profile's default.
     */
    public void startFrom(List<ProfileDefault<?>> profile) {
        values = values.over(profile);
    }

    /** The help description of a setting's option: its documentation and its default. */
    public static String description(Setting<?> s) {
        return s.doc() + " Default: " + s.defaultText() + ".";
    }

    /** Adds the generated options to the command that mixes this set in. */
    public static final class Generator implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            PipelineOptionSet set = find(command);
            if (set == null || command.findOption(SET_OPTION) != null) return command;
            for (Setting<?> s : Tunables.all()) {
                if (s.option() != null) command.addOption(optionFor(set, s));
            }
            PipelineOptionSet target = set;
            command.addOption(OptionSpec.builder(SET_OPTION)
                    .type(java.util.List.class).auxiliaryTypes(String.class).paramLabel("KEY=VALUE").arity("1")
                    .description("Set any setting, e.g. --set hardcut.min-score=0.4 (repeatable). "
                            + "'ava config' and docs/configuration.md list every key with its default and meaning.")
                    .converters((CommandLine.ITypeConverter<String>) text -> {
                        int eq = text.indexOf('=');
                        if (eq <= 0) throw new CommandLine.TypeConversionException("expected KEY=VALUE, was '" + text + "'");
                        try {
                            Tunables.byKey(text.substring(0, eq).trim()).parse(text.substring(eq + 1));
                        } catch (IllegalArgumentException e) {
                            throw new CommandLine.TypeConversionException(e.getMessage());
                        }
                        return text;
                    })
                    // picocli hands the whole list on every occurrence: apply only the entries not yet applied,
                    // so a later --top-k still wins over an earlier --set title.top-k.
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T set(T value) {
                            List<String> all = value == null ? List.of() : (List<String>) value;
                            for (int i = target.assignments.size(); i < all.size(); i++) {
                                String text = all.get(i);
                                int eq = text.indexOf('=');
                                target.values = target.values.withText(text.substring(0, eq).trim(), text.substring(eq + 1));
                            }
                            target.assignments = new ArrayList<>(all);
                            return null;
                        }
                    })
                    .getter(new CommandLine.Model.IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() { return (T) new ArrayList<>(target.assignments); }
                    })
                    .build());
            return command;
        }

        /** The set mixed into {@code spec}, directly or through another mixin (the CLI's JobOptions). */
        private static PipelineOptionSet find(CommandSpec spec) {
            for (CommandSpec mixin : spec.mixins().values()) {
                if (mixin.userObject() instanceof PipelineOptionSet p) return p;
                PipelineOptionSet nested = find(mixin);
                if (nested != null) return nested;
            }
            return null;
        }

        private static <T> OptionSpec optionFor(PipelineOptionSet set, Setting<T> s) {
            return OptionSpec.builder(s.option())
                    .type(s.type()).paramLabel(s.paramLabel()).arity("1")
                    .description(description(s).replace("%", "%%")) // picocli formats descriptions
                    .converters((CommandLine.ITypeConverter<T>) text -> {
                        try {
                            return s.parse(text);
                        } catch (IllegalArgumentException e) {
                            throw new CommandLine.TypeConversionException(e.getMessage());
                        }
                    })
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <V> V set(V value) {
                            if (value != null) set.set(s, s.type().cast(value));
                            return null;
                        }
                    })
                    .getter(new CommandLine.Model.IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <V> V get() { return (V) set.values.chosen(s); }
                    })
                    .build();
        }
    }
}
