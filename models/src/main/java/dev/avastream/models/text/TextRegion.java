package dev.avastream.models.text;

import dev.avastream.models.image.Box;

/**
 * A text region in frame pixels: the rotated rectangle (centre, size, angle in degrees as OpenCV's
 * minAreaRect gives it), its upright bounding box, and its score (mean text probability inside).
 */
public record TextRegion(double centerX, double centerY, double width, double height, double angle, Box bounds, double score) {}
