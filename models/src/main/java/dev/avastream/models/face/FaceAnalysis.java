package dev.avastream.models.face;

/** Everything the face pipeline says about one face in a frame. */
public record FaceAnalysis(FaceDetection detection, FaceLandmarks landmarks, HeadPose pose, EyesAndMouth eyesAndMouth,
                           Expression expression, FaceIdentity identity) {}
