package dev.avastream.jobs.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Versioned binary form of {@link ChunkEnumeratorState}. */
public final class ChunkEnumeratorStateSerializer implements SimpleVersionedSerializer<ChunkEnumeratorState> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() { return VERSION; }

    @Override
    public byte[] serialize(ChunkEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(state.unplanned().size());
        for (TitleInput t : state.unplanned()) {
            out.writeUTF(t.titleId());
            out.writeUTF(t.source());
        }
        out.writeInt(state.unassigned().size());
        for (ChunkSplit s : state.unassigned()) ChunkSplitSerializer.write(s, out);
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public ChunkEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown enumerator state version " + version);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        int n = in.readInt();
        List<TitleInput> unplanned = new ArrayList<>(n);
        for (int i = 0; i < n; i++) unplanned.add(new TitleInput(in.readUTF(), in.readUTF()));
        int m = in.readInt();
        List<ChunkSplit> unassigned = new ArrayList<>(m);
        for (int i = 0; i < m; i++) unassigned.add(ChunkSplitSerializer.read(in));
        return new ChunkEnumeratorState(unplanned, unassigned);
    }
}
