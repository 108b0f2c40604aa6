/**
 * Ranking of candidate stills: the frame quality score with its named components, the bounded
 * per-title candidate pool and the diverse top-K selector. Pure and deterministic over Avro
 * {@link dev.avastream.schema.Candidate} records, so Flink state can hold them; no Flink here.
 */
package dev.avastream.operators.rank;
