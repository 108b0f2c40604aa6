/**
 * Per-frame measurements over a decoded frame: the shared intermediate planes
 * ({@link dev.avastream.operators.annotate.FramePlanes}), the visual annotator (brightness,
 * contrast, colourfulness, sharpness, motion) and the pixel-free features the shot detector and the
 * diversity ranking compare. Pure computation on OpenCV matrices; no Flink.
 */
package dev.avastream.operators.annotate;
