package dev.avastream.jobs.source;

import dev.avastream.decoders.ChunkSpec;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Versioned binary form of {@link ChunkSplit}, for checkpoints and enumerator-to-reader hand-off. */
public final class ChunkSplitSerializer implements SimpleVersionedSerializer<ChunkSplit> {
    public static final ChunkSplitSerializer INSTANCE = new ChunkSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() { return VERSION; }

    @Override
    public byte[] serialize(ChunkSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        write(split, out);
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public ChunkSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown chunk split version " + version);
        return read(new DataInputStream(new ByteArrayInputStream(serialized)));
    }

    static void write(ChunkSplit split, DataOutputStream out) throws IOException {
        ChunkSpec c = split.chunk();
        out.writeUTF(split.runId());
        out.writeUTF(c.titleId());
        out.writeUTF(c.source());
        out.writeInt(c.chunkIndex());
        out.writeInt(c.chunkCount());
        out.writeLong(c.titleFrameCount());
        out.writeLong(c.startFrame());
        out.writeLong(c.endFrame());
        out.writeLong(c.contextStartFrame());
        out.writeInt(c.contextPtsUs().length);
        for (long pts : c.contextPtsUs()) out.writeLong(pts);
        out.writeBoolean(split.planningError() != null);
        if (split.planningError() != null) out.writeUTF(truncate(split.planningError()));
    }

    static ChunkSplit read(DataInputStream in) throws IOException {
        String runId = in.readUTF();
        String titleId = in.readUTF();
        String source = in.readUTF();
        int chunkIndex = in.readInt();
        int chunkCount = in.readInt();
        long titleFrames = in.readLong();
        long start = in.readLong();
        long end = in.readLong();
        long contextStart = in.readLong();
        long[] pts = new long[in.readInt()];
        for (int i = 0; i < pts.length; i++) pts[i] = in.readLong();
        String error = in.readBoolean() ? in.readUTF() : null;
        return new ChunkSplit(runId, new ChunkSpec(titleId, source, chunkIndex, chunkCount, titleFrames, start, end,
                contextStart, pts), error);
    }

    private static String truncate(String s) { return s.length() > 8000 ? s.substring(0, 8000) : s; }
}
