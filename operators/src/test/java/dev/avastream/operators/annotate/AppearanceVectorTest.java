package dev.avastream.operators.annotate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AppearanceVectorTest {

    @Test
    void distanceIsEuclideanOnArraysAndAvroLists() {
        float[] a = {0, 0, 0};
        float[] b = {3, 4, 0};
        assertEquals(5.0, AppearanceVector.distance(a, b), 1e-9);
        assertEquals(5.0, AppearanceVector.distance(AppearanceVector.toList(a), AppearanceVector.toList(b)), 1e-9);
        assertEquals(5.0, AppearanceVector.distance(b, a), 1e-9);
    }

    @Test
    void missingOrMismatchedVectorsAreInfinitelyFar() {
        assertEquals(Double.POSITIVE_INFINITY, AppearanceVector.distance(new float[0], new float[0]));
        assertEquals(Double.POSITIVE_INFINITY, AppearanceVector.distance(new float[2], new float[3]));
        assertEquals(Double.POSITIVE_INFINITY, AppearanceVector.distance(List.of(), List.of(1f)));
        assertEquals(Double.POSITIVE_INFINITY, AppearanceVector.distance((List<Float>) null, List.of(1f)));
    }

    @Test
    void greyChromaMapsToTheMiddle() {
        float[] grey = new float[256];
        for (int i = 128; i < 256; i++) grey[i] = 1f;
        float[] v = AppearanceVector.of(grey, grey, new float[9], 0.5, 0.25);
        for (int i = 0; i < 6; i++) assertEquals(0.5f, v[i], 1e-6);
        assertEquals(0.5f, v[15], 1e-6);
        assertEquals(0.5f, v[16], 1e-6);
    }
}
