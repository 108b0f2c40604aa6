/**
 * Analysis of one decoded chunk: {@link dev.avastream.operators.chunk.ChunkAnalyzer} runs the
 * annotators, the shot detector and the scorer on every frame while the decoder owns the pixels, and
 * builds the chunk's {@link dev.avastream.schema.ChunkResult}. No Flink.
 */
package dev.avastream.operators.chunk;
