/**
 * Shot boundary detection over {@link dev.avastream.operators.annotate.FrameFeatures}, in the
 * manner of PySceneDetect: a small detector interface and a hard-cut detector with an adaptive
 * threshold, a flash filter and a minimum shot length, that works on chunks cut mid-title given
 * pre- and post-roll context frames. No pixels, no Flink.
 */
package dev.avastream.operators.shots;
