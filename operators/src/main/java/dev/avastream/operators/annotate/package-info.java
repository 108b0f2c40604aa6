/**
 * Per-frame measurements over a decoded frame: the shared intermediate planes
 * ({@link dev.avastream.operators.annotate.FramePlanes}), the {@link
 * dev.avastream.operators.annotate.FrameAnnotator} contract (name, cost, typed reads and writes),
 * the checked and timed {@link dev.avastream.operators.annotate.AnnotatorPipeline} that runs a list of
 * them, and the annotators themselves (visual measures, features, transition signals, dominant
 * colours, ...). How to add one: docs/annotators.md. Pure computation on OpenCV matrices; no Flink.
 */
package dev.avastream.operators.annotate;
