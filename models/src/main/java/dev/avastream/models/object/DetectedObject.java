package dev.avastream.models.object;

import dev.avastream.models.image.Box;

/** An object in frame pixels with its COCO class and the heatmap peak's score. */
public record DetectedObject(Box box, int classIndex, String label, double score) {}
